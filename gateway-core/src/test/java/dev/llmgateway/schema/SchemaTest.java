package dev.llmgateway.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.internal.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The validation engine on its own: Kong's order of checks, shapes of errors, defaults and nulls. */
class SchemaTest {
  private static Map<String, Object> json(String text) {
    return Json.parseObject(text);
  }

  private static String fields(Schema schema, String input) {
    AtomicReference<String> out = new AtomicReference<>();
    assertThatThrownBy(() -> schema.validate(json(input))).isInstanceOfSatisfying(SchemaViolation.class,
        e -> out.set(Json.write(e.errors().toJson()) + " " + e.getMessage()));
    return out.get();
  }

  @Test
  void validatorsRunInKongsOrderNotDeclarationOrder() {
    Schema s = Schema.of("t", Field.string("p").startsWith("/").lenMin(2).oneOf("/a", "/b"));
    assertThat(fields(s, "{\"p\":\"\"}")).isEqualTo(
        "{\"p\":\"expected one of: /a, /b\"} schema violation (p: expected one of: /a, /b)");
    Schema t = Schema.of("t", Field.string("p").validate(v -> "custom").startsWith("/"));
    assertThat(fields(t, "{\"p\":\"x\"}")).endsWith("(p: should start with: /)");
  }

  @Test
  void emptyStringsNeedAnExplicitZeroMinimum() {
    assertThat(fields(Schema.of("t", Field.string("s")), "{\"s\":\"\"}")).endsWith("(s: length must be at least 1)");
    assertThat(Schema.of("t", Field.string("s").lenMin(0)).validate(json("{\"s\":\"\"}")).get("s")).isEqualTo("");
  }

  @Test
  void absentTakesTheDefaultButAnExplicitNullStays() {
    Schema s = Schema.of("t", Field.integer("n").defaultValue(5L), Field.integer("r").required().defaultValue(1L));
    assertThat(s.validate(json("{}")).asMap()).containsEntry("n", 5L).containsEntry("r", 1L);
    Map<String, Object> in = new HashMap<>();
    in.put("n", null);
    assertThat(s.validate(in).asMap()).containsEntry("n", null);
    in.put("r", null);
    assertThatThrownBy(() -> s.validate(in)).hasMessage("schema violation (r: required field missing)");
  }

  @Test
  void integersAcceptIntegralNumbersOnly() {
    Schema s = Schema.of("t", Field.integer("i"), Field.number("n"));
    Row row = s.validate(json("{\"i\":5.0,\"n\":2.0}"));
    assertThat(row.get("i")).isEqualTo(5L);
    assertThat(Json.write(row)).isEqualTo("{\"i\":5,\"n\":2}");
    assertThat(fields(s, "{\"i\":5.5,\"n\":\"1\"}")).isEqualTo("{\"i\":\"expected an integer\","
        + "\"n\":\"expected a number\"} 2 schema violations (i: expected an integer; n: expected a number)");
    assertThat(fields(s, "{\"i\":true}")).endsWith("(i: expected an integer)");
  }

  @Test
  void setsLoseDuplicatesBeforeValidationArraysKeepThem() {
    Schema s = Schema.of("t", Field.set("s", Field.string("e")), Field.array("a", Field.string("e")));
    assertThat(s.validate(json("{\"s\":[\"x\",\"x\",\"y\"],\"a\":[\"x\",\"x\"]}")).asMap())
        .containsEntry("s", List.of("x", "y")).containsEntry("a", List.of("x", "x"));
    assertThat(fields(s, "{\"s\":[\"x\",\"x\",\"\"],\"a\":[\"x\",\"x\",\"\"]}")).isEqualTo(
        "{\"a\":[null,null,\"length must be at least 1\"],\"s\":[null,\"length must be at least 1\"]} "
            + "2 schema violations (a.3: length must be at least 1; s.2: length must be at least 1)");
    assertThat(fields(s, "{\"a\":[null]}")).endsWith("(a.1: required field missing)");
    assertThat(s.validate(json("{\"a\":{}}")).get("a")).isEqualTo(List.of());
    assertThat(fields(s, "{\"a\":{\"k\":1}}")).endsWith("(a: expected an array)");
  }

  @Test
  void mapsReportTheFirstBadEntryAsTheFieldsError() {
    Schema s = Schema.of("t", Field.map("m", Field.string("k").lenMin(2), Field.integer("v")));
    assertThat(fields(s, "{\"m\":{\"ok\":1,\"x\":2}}")).isEqualTo(
        "{\"m\":\"length must be at least 2\"} schema violation (m: length must be at least 2)");
    assertThat(fields(s, "{\"m\":{\"ok\":\"1\"}}")).endsWith("(m: expected an integer)");
    assertThat(fields(s, "{\"m\":[1]}")).endsWith("(m: expected a string)");
    assertThat(fields(s, "{\"m\":\"x\"}")).endsWith("(m: expected a map)");
  }

  @Test
  void recordsAreRequiredAndFilledUnlessOptional() {
    Schema inner = Schema.of("inner", Field.integer("a").defaultValue(1L), Field.string("b"));
    Schema s = Schema.of("t", Field.record("r", inner), Field.record("o", inner).optional());
    assertThat(Json.write(s.validate(json("{}")))).isEqualTo("{\"r\":{\"a\":1,\"b\":null},\"o\":null}");
    assertThat(fields(s, "{\"r\":{\"a\":\"x\",\"zz\":1},\"o\":7}")).isEqualTo(
        "{\"o\":\"expected a record\",\"r\":{\"a\":\"expected an integer\",\"zz\":\"unknown field\"}} "
            + "3 schema violations (o: expected a record; r.a: expected an integer; r.zz: unknown field)");
    assertThat(fields(s, "{\"r\":null}")).endsWith("(r: required field missing)");
  }

  @Test
  void foreignKeysCheckOnlyTheId() {
    Schema s = Schema.of("t", Field.foreign("service", "services"));
    String id = "7b5b4a5e-0b1c-4f2e-9a8d-1c2b3d4e5f60";
    assertThat(Json.write(s.validate(json("{\"service\":{\"id\":\"" + id + "\",\"name\":\"x\"}}"))))
        .isEqualTo("{\"service\":{\"id\":\"" + id + "\"}}");
    assertThat(fields(s, "{\"service\":{\"id\":null}}")).endsWith("(service.id: required field missing)");
    assertThat(fields(s, "{\"service\":{}}")).endsWith("(service.id: missing primary key)");
    assertThat(fields(s, "{\"service\":{\"id\":7}}")).endsWith("(service.id: expected a string)");
  }

  @Test
  void lambdaChecksRunOnlyOnAValidRecordAndSeeValidatedValues() {
    AtomicInteger runs = new AtomicInteger();
    Schema s = Schema.of("t", Field.integer("a"), Field.integer("b")).withChecks((values, errors) -> {
      runs.incrementAndGet();
      if (values.get("a") instanceof Long a && values.get("b") instanceof Long b && a > b) {
        errors.entity("a must not exceed b");
      }
    });
    assertThat(fields(s, "{\"a\":\"x\",\"b\":1}")).endsWith("(a: expected an integer)");
    assertThat(runs).hasValue(0);
    assertThat(fields(s, "{\"a\":2,\"b\":1}")).isEqualTo(
        "{\"@entity\":[\"a must not exceed b\"]} schema violation (a must not exceed b)");
    assertThat(runs).hasValue(1);
  }

  @Test
  void checksNamingTheirFieldsRunWhenThoseAreValid() {
    EntityCheck onA = new EntityCheck() {
      @Override
      public void check(Map<String, Object> values, FieldErrors errors) {
        errors.entity("a seen");
      }

      @Override
      public List<String> fields() {
        return List.of("a");
      }
    };
    Schema s = Schema.of("t", Field.integer("a"), Field.integer("b")).withChecks(onA);
    assertThat(fields(s, "{\"a\":1,\"b\":\"x\"}")).endsWith("(a seen; b: expected an integer)");
    assertThat(fields(s, "{\"a\":\"x\"}")).endsWith("(a: expected an integer)");
  }

  @Test
  void countingChecksUseKongsTexts() {
    Schema s = Schema.of("t", Field.string("a"), Field.string("b"), Field.string("c"))
        .withChecks(EntityCheck.mutuallyExclusive("a", "b"), EntityCheck.onlyOneOf("b", "c"),
            EntityCheck.mutuallyRequired("a", "c"));
    assertThat(fields(s, "{\"a\":\"1\",\"b\":\"2\"}")).endsWith("(only one or none of these fields must be set: "
        + "'a', 'b'; all or none of these fields must be set: 'a', 'c')");
    assertThat(fields(s, "{}")).endsWith("(exactly one of these fields must be non-empty: 'b', 'c')");
  }

  @Test
  void conditionalAppliesWhenANullableIfFieldIsNull() {
    Schema s = Schema.of("t", Field.string("mode").oneOf("a", "b"), Field.string("x"))
        .withChecks(EntityCheck.requiredWhen("mode", "a", "x"));
    Map<String, Object> in = new HashMap<>();
    in.put("mode", null);
    assertThatThrownBy(() -> s.validate(in)).hasMessage("2 schema violations (failed conditional validation given "
        + "value of field 'mode'; x: required field missing)");
    assertThat(s.validate(json("{\"mode\":\"b\"}"))).isNotNull();
    assertThat(fields(s, "{\"mode\":\"c\"}")).endsWith("(mode: expected one of: a, b)");
  }

  @Test
  void errOverridesValidatorTextsButNotTypeErrors() {
    Schema s = Schema.of("t", Field.bool("f").mustNotEqual(true).err("no f"), Field.bool("g").mustNotEqual(true));
    assertThat(fields(s, "{\"f\":true,\"g\":true}")).endsWith("(f: no f; g: value must not be true)");
    assertThat(fields(s, "{\"f\":1}")).endsWith("(f: expected a boolean)");
    Schema n = Schema.of("t", Field.string("x").mustBeNull().err("cannot set x"));
    assertThat(fields(n, "{\"x\":1}")).endsWith("(x: cannot set x)");
    assertThat(fields(Schema.of("t", Field.integer("ts").timestamp()), "{\"ts\":0}"))
        .endsWith("(ts: expected a valid timestamp)");
  }

  @Test
  void aThrowingValidatorIsAValidationErrorNotACrash() {
    Schema s = Schema.of("t", Field.string("s").validate(v -> {
      throw new IllegalStateException("bug");
    }));
    assertThat(fields(s, "{\"s\":\"x\"}")).endsWith("(s: failed validating: x)");
  }

  @Test
  void autoDefaultsAreFreshEachTime() {
    AtomicInteger n = new AtomicInteger();
    Schema s = Schema.of("t", Field.string("key").auto(() -> "k" + n.incrementAndGet()));
    assertThat(s.validate(json("{}")).get("key")).isEqualTo("k1");
    assertThat(s.validate(json("{}")).get("key")).isEqualTo("k2");
    assertThat(s.field("key").isAuto()).isTrue();
  }

  @Test
  void validateIntoErrorsAccumulates() {
    Schema s = Schema.of("t", Field.integer("a"));
    FieldErrors errors = new FieldErrors().put("other", "kept");
    assertThat(s.validate(json("{\"a\":\"x\"}"), errors)).isNull();
    assertThat(errors.toJson()).containsEntry("other", "kept").containsEntry("a", "expected an integer");
    assertThat(s.validate(json("{\"a\":1}"), new FieldErrors())).isNotNull();
  }

  @Test
  void dynamicRecordWithoutASchemaFails() {
    Schema s = Schema.of("t", Field.string("kind"), Field.record("conf", sib -> null));
    assertThat(fields(s, "{\"kind\":\"x\"}")).endsWith("(conf: error in schema prevents from validating this field)");
  }

  @Test
  void subschemasReplaceFieldsAndAddChecks() {
    Subschema big = Subschema.of(Field.integer("size").between(10, 20)).withChecks(EntityCheck.atLeastOneOf("tag"));
    Schema s = Schema.of("t", Field.string("kind").required(), Field.integer("size"), Field.string("tag"))
        .withSubschemas("kind", "no kind %s", k -> k.equals("big") ? big : k.equals("any") ? Subschema.of() : null);
    assertThat(fields(s, "{\"kind\":\"small\",\"zz\":1}")).endsWith("(kind: no kind small)");
    assertThat(fields(s, "{}")).endsWith("(kind: required field missing)");
    assertThat(fields(s, "{\"kind\":\"big\",\"size\":1}")).endsWith("2 schema violations (at least one of these "
        + "fields must be non-empty: 'tag'; size: value should be between 10 and 20)");
    assertThat(s.validate(json("{\"kind\":\"any\",\"size\":1}")).get("size")).isEqualTo(1L);
  }

  @Test
  void shorthandsRewriteInputFirst() {
    Schema s = Schema.of("t", Field.string("a"))
        .withShorthands(in -> in.containsKey("b") ? Map.of("a", "from-b") : in);
    assertThat(s.validate(json("{\"b\":1}")).get("a")).isEqualTo("from-b");
  }

  @Test
  void mergeDeepMergesRecordsAndReplacesArrays() {
    Schema inner = Schema.of("inner", Field.integer("x").defaultValue(1L), Field.integer("y").defaultValue(2L));
    Schema s = Schema.of("t", Field.record("r", inner), Field.array("l", Field.integer("e")));
    Row existing = s.validate(json("{\"r\":{\"x\":5},\"l\":[1,2]}"));
    Row merged = s.merge(existing, json("{\"r\":{\"y\":9},\"l\":[3]}"));
    assertThat(Json.write(merged)).isEqualTo("{\"r\":{\"x\":5,\"y\":9},\"l\":[3]}");
  }
}
