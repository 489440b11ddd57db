package dev.llmgateway.internal.plugins.requesttransformer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.pipeline.ConfigBinder;
import dev.llmgateway.internal.plugins.testing.TestGateway;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.SchemaViolation;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestTransformerSchemaTest {
  private static final ConfigBinder<RequestTransformerConfig> BINDER =
      ConfigBinder.of("request-transformer", RequestTransformerConfig.class, RequestTransformerConfig.SCHEMA);
  private final TestGateway gw = new TestGateway(new RequestTransformerType());

  private Row config(Map<String, Object> config) {
    return gw.validatePlugin("request-transformer", config, Map.of()).record("config");
  }

  private Object fields(Map<String, Object> config) {
    try {
      config(config);
    } catch (SchemaViolation e) {
      return e.toJson().get("fields");
    }
    throw new AssertionError("expected a schema violation for " + config);
  }

  @Test
  void defaultsAreKongs() {
    Row c = config(Map.of());
    assertThat(c.asMap().keySet()).containsExactly("http_method", "remove", "rename", "replace", "add", "append");
    assertThat(c.get("http_method")).isNull();
    for (String op : List.of("remove", "rename", "add", "append")) {
      assertThat(c.record(op).asMap()).containsExactly(Map.entry("body", List.of()), Map.entry("headers", List.of()),
          Map.entry("querystring", List.of()));
    }
    assertThat(c.record("replace").asMap().keySet()).containsExactly("body", "headers", "querystring", "uri");
    assertThat(c.record("replace").get("uri")).isNull();
  }

  @Test
  void typedConfigReadsEveryField() {
    RequestTransformerConfig c = BINDER.bind(config(Map.of("http_method", "POST",
        "remove", Map.of("headers", List.of("x-a"), "querystring", List.of("q"), "body", List.of("b")),
        "replace", Map.of("uri", "/new", "headers", List.of("x-b:1")),
        "append", Map.of("body", List.of("k:v")))));
    assertThat(c.httpMethod()).isEqualTo("POST");
    assertThat(c.remove()).isEqualTo(new RequestTransformerConfig.Operations(List.of("b"), List.of("x-a"),
        List.of("q")));
    assertThat(c.replace().uri()).isEqualTo("/new");
    assertThat(c.replace().headers()).containsExactly("x-b:1");
    assertThat(c.append().body()).containsExactly("k:v");
    assertThat(c.touchesBody()).isTrue();
  }

  @Test
  void everyValidationError() {
    assertThat(fields(Map.of("http_method", "get"))).isEqualTo(Map.of("config",
        Map.of("http_method", "invalid value: get")));
    assertThat(fields(Map.of("remove", Map.of("headers", List.of("ok", "bad header"))))).isEqualTo(Map.of("config",
        Map.of("remove", Map.of("headers", Arrays.asList(null, "'bad header' is not a valid header")))));
    assertThat(fields(Map.of("add", Map.of("headers", List.of("just_a_key", "bad name:v"),
        "querystring", List.of("q:"), "body", List.of("k"))))).isEqualTo(Map.of("config", Map.of("add", Map.of(
            "headers", List.of("invalid value: just_a_key", "'bad name' is not a valid header"),
            "querystring", List.of("key 'q' has no value"),
            "body", List.of("key 'k' has no value")))));
    assertThat(fields(Map.of("rename", Map.of("headers", List.of("x-a:bad value"))))).isEqualTo(Map.of("config",
        Map.of("rename", Map.of("headers", List.of("'bad value' is not a valid header")))));
    assertThat(fields(Map.of("remove", Map.of("body", "b")))).isEqualTo(Map.of("config",
        Map.of("remove", Map.of("body", "expected an array"))));
  }

  @Test
  void luaTemplatesAreRefusedByName() {
    String refusal = "request-transformer: the template in 'x-user:$(headers.x)' is Lua code, which cannot run in "
        + "this gateway; write it as a Java plugin instead (implement dev.llmgateway.plugin.PluginType; see "
        + "docs/plugins.md)";
    assertThat(fields(Map.of("add", Map.of("headers", List.of("x-user:$(headers.x)"))))).isEqualTo(Map.of("config",
        Map.of("add", Map.of("headers", List.of(refusal)))));
    assertThat(fields(Map.of("replace", Map.of("uri", "/u/$(uri_captures.id)")))).isEqualTo(Map.of("config",
        Map.of("replace", Map.of("uri", "request-transformer: the template in '/u/$(uri_captures.id)' is Lua code, "
            + "which cannot run in this gateway; write it as a Java plugin instead (implement "
            + "dev.llmgateway.plugin.PluginType; see docs/plugins.md)"))));
  }

  @Test
  void pairsSplitAtTheFirstColonAndSkipRepeatedOnes() {
    assertThat(Pair.parse("a:b:c")).isEqualTo(new Pair("a", "b:c"));
    assertThat(Pair.parse("a::b")).isEqualTo(new Pair("a", "b"));
    assertThat(Pair.parse("a:")).isEqualTo(new Pair("a", ""));
  }
}
