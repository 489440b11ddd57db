package dev.llmgateway.entity;

import static dev.llmgateway.entity.Kong.expected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plugins schema with plugin config validation, through {@link PluginBinding#schema}. */
class PluginSchemaTest {
  private static final Schema AUTH_CONFIG = Schema.of("config",
      Field.array("key_names", Field.string("name").validate(Typedefs.HEADER_NAME_CHECK))
          .defaultValue(List.of("apikey")),
      Field.bool("hide_credentials").required().defaultValue(false));
  private static final Schema LIMIT_CONFIG = Schema.of("config",
      Field.integer("minute").greaterThan(0),
      Field.string("policy").defaultValue("local").oneOf("local", "redis"),
      Field.string("redis_host"),
      Field.string("fault").required());

  /** A catalog with an auth plugin (no consumer scope) and a limiting plugin with plugin-level checks. */
  static final PluginBinding.Catalog CATALOG = new PluginBinding.Catalog() {
    @Override
    public Schema configSchema(String name) {
      return Map.of("auth-test", AUTH_CONFIG, "limit-test", LIMIT_CONFIG).get(name);
    }

    @Override
    public boolean allowsConsumerScope(String name) {
      return !name.equals("auth-test");
    }

    @Override
    public List<EntityCheck> entityChecks(String name) {
      return name.equals("limit-test") ? List.of(EntityCheck.atLeastOneOf("config.minute"),
          EntityCheck.requiredWhen("config.policy", "redis", "config.redis_host"),
          (values, errors) -> {
            if ("forbidden".equals(((Row) values.get("config")).get("fault"))) {
              errors.entity("fault may not be 'forbidden'");
            }
          }) : List.of();
    }
  };

  private static final Schema SCHEMA = PluginBinding.schema(CATALOG);

  private static String bad(String json) {
    return Kong.body(SCHEMA, json);
  }

  @Test
  void minimalInputEchoesEveryFieldWithConfigDefaults() {
    assertThat(Kong.echo(SCHEMA, "{\"name\":\"auth-test\"}")).isEqualTo("{\"id\":null,\"name\":\"auth-test\","
        + "\"instance_name\":null,\"created_at\":null,\"updated_at\":null,\"route\":null,\"service\":null,"
        + "\"consumer\":null,\"config\":{\"key_names\":[\"apikey\"],\"hide_credentials\":false},"
        + "\"protocols\":[\"grpc\",\"grpcs\",\"http\",\"https\"],\"enabled\":true,\"tags\":null}");
    assertThat(Kong.echo(SCHEMA, "{\"name\":\"auth-test\",\"config\":{\"key_names\":[\"x-key\"]}}"))
        .contains("\"config\":{\"key_names\":[\"x-key\"],\"hide_credentials\":false}");
  }

  @Test
  void unknownPluginNameIsTheOnlyError() {
    String error = "plugin 'foo' not enabled; add it to the 'plugins' configuration property";
    assertThat(bad("{\"name\":\"foo\",\"config\":{\"x\":1},\"bogus\":true}")).isEqualTo(
        expected("{\"name\":" + Json.write(error) + "}", "name: " + error));
    assertThat(bad("{\"config\":{}}")).isEqualTo(
        expected("{\"name\":\"required field missing\"}", "name: required field missing"));
  }

  @Test
  void unknownConfigFieldNestsUnderConfig() {
    assertThat(bad("{\"name\":\"auth-test\",\"config\":{\"foo\":\"bar\"}}")).isEqualTo(
        expected("{\"config\":{\"foo\":\"unknown field\"}}", "config.foo: unknown field"));
  }

  @Test
  void wrongTypeAndMissingRequiredConfigFields() {
    assertThat(bad("{\"name\":\"auth-test\",\"config\":{\"hide_credentials\":\"yes\",\"key_names\":[\"a b\"]}}"))
        .isEqualTo(expected("{\"config\":{\"hide_credentials\":\"expected a boolean\",\"key_names\":[\"bad header "
            + "name 'a b', allowed characters are A-Z, a-z, 0-9, '_', and '-'\"]}}",
            "config.hide_credentials: expected a boolean",
            "config.key_names: {\n  \"bad header name 'a b', allowed characters are A-Z, a-z, 0-9, '_', and '-'\"\n}"));
    assertThat(bad("{\"name\":\"limit-test\",\"config\":{\"minute\":5}}")).isEqualTo(
        expected("{\"config\":{\"fault\":\"required field missing\"}}", "config.fault: required field missing"));
    String atLeast = "at least one of these fields must be non-empty: 'config.minute'";
    assertThat(bad("{\"name\":\"limit-test\",\"config\":null}")).isEqualTo(expected(
        "{\"@entity\":[\"" + atLeast + "\"],\"config\":\"required field missing\"}",
        atLeast, "config: required field missing"));
  }

  @Test
  void consumerScopeIsRefusedForAuthPlugins() {
    assertThat(bad("{\"name\":\"auth-test\",\"consumer\":{\"id\":\"" + Kong.ID + "\"}}")).isEqualTo(
        expected("{\"consumer\":\"value must be null\"}", "consumer: value must be null"));
    Row limit = Kong.valid(SCHEMA, "{\"id\":\"" + Kong.ID2 + "\",\"name\":\"limit-test\",\"consumer\":{\"id\":\"" + Kong.ID + "\"},"
        + "\"config\":{\"minute\":5,\"fault\":\"x\"}}");
    assertThat(PluginBinding.of(limit).consumerId()).hasToString(Kong.ID);
  }

  @Test
  void pluginLevelChecksUseDottedFieldsAndReportAtTheTop() {
    String atLeast = "at least one of these fields must be non-empty: 'config.minute'";
    String conditional = "failed conditional validation given value of field 'config.policy'";
    assertThat(bad("{\"name\":\"limit-test\",\"config\":{\"fault\":\"x\",\"policy\":\"redis\"}}")).isEqualTo(expected(
        "{\"@entity\":[\"" + atLeast + "\",\"" + conditional + "\"],\"config\":{\"redis_host\":\"required field missing\"}}",
        atLeast, conditional, "config.redis_host: required field missing"));
    assertThat(bad("{\"name\":\"limit-test\",\"config\":{\"fault\":\"forbidden\",\"minute\":1}}")).isEqualTo(
        expected("{\"@entity\":[\"fault may not be 'forbidden'\"]}", "fault may not be 'forbidden'"));
  }

  @Test
  void pluginProtocolsAreHttpOnes() {
    assertThat(bad("{\"name\":\"auth-test\",\"protocols\":[\"http\",\"tcp\"]}")).isEqualTo(expected(
        "{\"protocols\":[null,\"expected one of: grpc, grpcs, http, https\"]}",
        "protocols.2: expected one of: grpc, grpcs, http, https"));
  }

  @Test
  void typedViewCarriesScopeAndConfig() {
    PluginBinding b = PluginBinding.of(Kong.valid(SCHEMA, "{\"id\":\"" + Kong.ID + "\",\"name\":\"auth-test\","
        + "\"route\":{\"id\":\"" + Kong.ID2 + "\"},\"enabled\":false,\"protocols\":[\"https\"]}"));
    assertThat(b.routeId()).hasToString(Kong.ID2);
    assertThat(b.serviceId()).isNull();
    assertThat(b.enabled()).isFalse();
    assertThat(b.protocols()).containsExactly("https");
    assertThat(b.config().get("key_names")).isEqualTo(List.of("apikey"));
    assertThat(b.scopeRank()).isEqualTo(3);
  }
}
