package dev.llmgateway.internal.plugins.responsetransformer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.pipeline.ConfigBinder;
import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.plugins.testing.TestGateway;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.SchemaViolation;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseTransformerTest {
  private static final ConfigBinder<ResponseTransformerConfig> BINDER =
      ConfigBinder.of("response-transformer", ResponseTransformerConfig.class, ResponseTransformerConfig.SCHEMA);
  private final TestGateway gw = new TestGateway(new ResponseTransformerType());

  private Row config(Map<String, Object> config) {
    return gw.validatePlugin("response-transformer", config, Map.of()).record("config");
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
    assertThat(c.asMap().keySet()).containsExactly("remove", "rename", "replace", "add", "append");
    assertThat(c.record("remove").asMap()).containsExactly(Map.entry("json", List.of()),
        Map.entry("headers", List.of()));
    assertThat(c.record("rename").asMap()).containsExactly(Map.entry("json", List.of()),
        Map.entry("headers", List.of()));
    for (String op : List.of("replace", "add", "append")) {
      assertThat(c.record(op).asMap()).containsExactly(Map.entry("json", List.of()),
          Map.entry("json_types", List.of()), Map.entry("headers", List.of()));
    }
  }

  @Test
  void everyValidationError() {
    assertThat(fields(Map.of("add", Map.of("json", List.of("just_a_key"), "json_types", List.of("string", "date"),
        "headers", List.of("bad name:v", "nocolon"))))).isEqualTo(Map.of("config", Map.of("add", Map.of(
            "json", List.of("invalid value: just_a_key"),
            "json_types", Arrays.asList(null, "expected one of: boolean, number, string"),
            "headers", List.of("'bad name' is not a valid header", "invalid value: nocolon")))));
    assertThat(fields(Map.of("rename", Map.of("headers", List.of("x-a:bad value"), "json", List.of("k"))))).isEqualTo(
        Map.of("config", Map.of("rename", Map.of("headers", List.of("'bad value' is not a valid header"),
            "json", List.of("invalid value: k")))));
  }

  private static Map<String, Object> rewrite(ResponseTransformerConfig c, String body) {
    byte[] out = new JsonBody(c).rewrite(body.getBytes(StandardCharsets.UTF_8));
    return Json.parseObject(new String(out, StandardCharsets.UTF_8));
  }

  @Test
  void jsonOperationsFollowKong() {
    ResponseTransformerConfig c = BINDER.bind(config(Map.of(
        "remove", Map.of("json", List.of("secret")),
        "rename", Map.of("json", List.of("old:new")),
        "replace", Map.of("json", List.of("f:replaced", "n:also", "absent:x")),
        "add", Map.of("json", List.of("f2:added", "count:7", "ok:true", "there:no"),
            "json_types", List.of("string", "number", "boolean")),
        "append", Map.of("json", List.of("s:2", "arr:3", "num:4", "nope:5", "bad:x"),
            "json_types", List.of("string", "string", "string", "string", "number")))));
    Map<String, Object> out = rewrite(c, "{\"secret\":1,\"old\":\"o\",\"f\":false,\"n\":null,\"f2\":false,"
        + "\"there\":\"yes\",\"s\":\"1\",\"arr\":[1],\"num\":9}");
    assertThat(out).doesNotContainKeys("secret", "old", "absent", "bad");
    assertThat(out).containsEntry("new", "o").containsEntry("f", false).containsEntry("n", "also")
        .containsEntry("f2", "added").containsEntry("count", 7L).containsEntry("ok", true)
        .containsEntry("there", "yes").containsEntry("s", List.of("1", "2")).containsEntry("arr", List.of(1L, "3"))
        .containsEntry("num", List.of("4")).containsEntry("nope", List.of("5"));
  }

  @Test
  void notAnObjectPassesUnchanged() {
    ResponseTransformerConfig c = BINDER.bind(config(Map.of("add", Map.of("json", List.of("a:b")))));
    assertThat(new JsonBody(c).rewrite("[1,2]".getBytes(StandardCharsets.UTF_8))).asString().isEqualTo("[1,2]");
    assertThat(new JsonBody(c).rewrite("{oops".getBytes(StandardCharsets.UTF_8))).asString().isEqualTo("{oops");
  }

  @Test
  void jsonContentTypes() {
    assertThat(JsonBody.isJson("application/json")).isTrue();
    assertThat(JsonBody.isJson("Application/JSON; charset=utf-8")).isTrue();
    assertThat(JsonBody.isJson("application/problem+json")).isTrue();
    assertThat(JsonBody.isJson("text/html, application/json")).isTrue();
    assertThat(JsonBody.isJson("text/event-stream")).isFalse();
    assertThat(JsonBody.isJson(null)).isFalse();
  }
}
