package dev.llmgateway.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import org.junit.jupiter.api.Test;

/** Rendering of Kong's {@code fields} object and message, as {@code kong/db/errors.lua} builds it. */
class FieldErrorsTest {
  @Test
  void entityErrorsComeFirstThenFieldsSortedAndRepeatsAreKept() {
    FieldErrors e = new FieldErrors().put("zeta", "z").put("alpha", "a").entity("e1").entity("e1");
    assertThat(e.message()).isEqualTo("4 schema violations (e1; e1; alpha: a; zeta: z)");
    assertThat(Json.write(e.toJson())).isEqualTo("{\"@entity\":[\"e1\",\"e1\"],\"alpha\":\"a\",\"zeta\":\"z\"}");
  }

  @Test
  void putReplacesAFieldsError() {
    FieldErrors e = new FieldErrors().put("a", "first").put("a", "second");
    assertThat(e.message()).isEqualTo("schema violation (a: second)");
    assertThat(e.has("a")).isTrue();
    assertThat(e.has("b")).isFalse();
  }

  @Test
  void elementErrorsAreArraysWithNullsAndOneBasedInTheMessage() {
    FieldErrors e = new FieldErrors().element("paths", 2, "bad").element("paths", 0, "worse");
    assertThat(Json.write(e.toJson())).isEqualTo("{\"paths\":[\"worse\",null,\"bad\"]}");
    assertThat(e.message()).isEqualTo("2 schema violations (paths.1: worse; paths.3: bad)");
    assertThat(e.indexedMessages("routes[0]")).containsExactly("routes[0].paths[0]: worse",
        "routes[0].paths[2]: bad");
  }

  @Test
  void messagesFlattenOneLevelAndPrintDeeperErrorsAsLuaTables() {
    FieldErrors e = new FieldErrors();
    e.nested("config").put("a", "x");
    e.nested("config").nested("deep").put("b", "say \"hi\"");
    e.nested("config").nested("deep").entity("whole");
    e.nested("config").element("list", 1, "two");
    e.nested("config").element("list", 3, "four");
    e.nested("empty");
    assertThat(e.messages()).containsExactly(
        "config.a: x",
        "config.deep: {\n  [\"@entity\"] = {\n    \"whole\"\n  },\n  b = \"say \\\"hi\\\"\"\n}",
        "config.list: {\n  [2] = \"two\",\n  [4] = \"four\"\n}");
    assertThat(Json.write(e.toJson())).isEqualTo("{\"config\":{\"a\":\"x\",\"deep\":{\"@entity\":[\"whole\"],"
        + "\"b\":\"say \\\"hi\\\"\"},\"list\":[null,\"two\",null,\"four\"]}}");
  }

  @Test
  void luaQuotingFollowsPenlight() {
    assertThat(LuaPretty.quote("plain")).isEqualTo("\"plain\"");
    assertThat(LuaPretty.quote("two\nlines")).isEqualTo("[[two\nlines]]");
    assertThat(LuaPretty.quote("has ]] inside")).isEqualTo("[=[has ]] inside]=]");
    assertThat(LuaPretty.quote("tab\there")).isEqualTo("\"tab\\9here\"");
    FieldErrors keyword = new FieldErrors();
    keyword.nested("r").nested("x").put("end", "m");
    keyword.nested("r").nested("x").put("with-dash", "m");
    assertThat(keyword.message()).isEqualTo("schema violation (r.x: {\n  [\"end\"] = \"m\",\n"
        + "  [\"with-dash\"] = \"m\"\n})");
  }

  @Test
  void emptyNestedErrorsDoNotCount() {
    FieldErrors e = new FieldErrors();
    e.nested("r");
    assertThat(e.isEmpty()).isTrue();
    assertThat(e.toJson()).isEmpty();
  }

  @Test
  void violationBodyIsKongs() {
    SchemaViolation v = SchemaViolation.of("host", "required field missing");
    assertThat(Json.write(v.toJson())).isEqualTo("{\"code\":2,\"name\":\"schema violation\",\"message\":"
        + "\"schema violation (host: required field missing)\",\"fields\":{\"host\":\"required field missing\"}}");
    assertThat(SchemaViolation.ofEntity("e").getMessage()).isEqualTo("schema violation (e)");
  }
}
