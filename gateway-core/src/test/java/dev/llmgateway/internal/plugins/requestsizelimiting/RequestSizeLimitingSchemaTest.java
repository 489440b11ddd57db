package dev.llmgateway.internal.plugins.requestsizelimiting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.pipeline.ConfigBinder;
import dev.llmgateway.internal.plugins.testing.TestGateway;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.SchemaViolation;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestSizeLimitingSchemaTest {
  private static final ConfigBinder<RequestSizeLimitingConfig> BINDER =
      ConfigBinder.of("request-size-limiting", RequestSizeLimitingConfig.class, RequestSizeLimitingConfig.SCHEMA);
  private final TestGateway gw = new TestGateway(new RequestSizeLimitingType());

  private Row config(Map<String, Object> config) {
    return gw.validatePlugin("request-size-limiting", config, Map.of()).record("config");
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
    assertThat(c.asMap()).containsExactly(Map.entry("allowed_payload_size", 128L),
        Map.entry("size_unit", "megabytes"), Map.entry("require_content_length", false));
    assertThat(BINDER.bind(c).limitBytes()).isEqualTo(134_217_728L);
  }

  @Test
  void unitsAreBinary() {
    assertThat(BINDER.bind(config(Map.of("allowed_payload_size", 3L, "size_unit", "kilobytes")))
        .limitBytes()).isEqualTo(3072L);
    assertThat(BINDER.bind(config(Map.of("allowed_payload_size", 3L, "size_unit", "bytes")))
        .limitBytes()).isEqualTo(3L);
    assertThat(new RequestSizeLimitingConfig(Long.MAX_VALUE / 2, RequestSizeLimitingConfig.SizeUnit.MEGABYTES, false).limitBytes())
        .isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void everyValidationError() {
    Map<String, Object> in = new HashMap<>();
    in.put("allowed_payload_size", 1.5);
    in.put("size_unit", "gigabytes");
    in.put("require_content_length", "no");
    assertThat(fields(in)).isEqualTo(Map.of("config", Map.of(
        "allowed_payload_size", "expected an integer",
        "size_unit", "expected one of: megabytes, kilobytes, bytes",
        "require_content_length", "expected a boolean")));
    Map<String, Object> nulls = new HashMap<>();
    nulls.put("allowed_payload_size", null);
    nulls.put("size_unit", null);
    nulls.put("require_content_length", null);
    assertThat(fields(nulls)).isEqualTo(Map.of("config", Map.of(
        "allowed_payload_size", "required field missing",
        "size_unit", "required field missing",
        "require_content_length", "required field missing")));
  }
}
