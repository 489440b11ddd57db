package dev.llmgateway.internal.plugins.cors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.pipeline.ConfigBinder;
import dev.llmgateway.internal.plugins.testing.TestGateway;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.SchemaViolation;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorsSchemaTest {
  private static final ConfigBinder<CorsConfig> BINDER = ConfigBinder.of("cors", CorsConfig.class, CorsConfig.SCHEMA);
  private final TestGateway gw = new TestGateway(new CorsType());

  private Row config(Map<String, Object> config) {
    return gw.validatePlugin("cors", config, Map.of()).record("config");
  }

  private Map<String, Object> fields(Map<String, Object> config) {
    try {
      config(config);
    } catch (SchemaViolation e) {
      return e.toJson();
    }
    throw new AssertionError("expected a schema violation for " + config);
  }

  @Test
  void defaultsAreKongs() {
    Row c = config(Map.of());
    assertThat(c.get("origins")).isNull();
    assertThat(c.get("headers")).isNull();
    assertThat(c.get("exposed_headers")).isNull();
    assertThat(c.get("methods")).isEqualTo(
        List.of("GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT"));
    assertThat(c.get("max_age")).isNull();
    assertThat(c.get("credentials")).isEqualTo(false);
    assertThat(c.get("private_network")).isEqualTo(false);
    assertThat(c.get("preflight_continue")).isEqualTo(false);
    assertThat(c.get("allow_origin_absent")).isEqualTo(true);
    assertThat(c.asMap().keySet()).containsExactly("origins", "headers", "exposed_headers", "methods", "max_age",
        "credentials", "private_network", "preflight_continue", "allow_origin_absent");
  }

  @Test
  void typedConfigReadsEveryField() {
    Map<String, Object> in = new HashMap<>();
    in.put("origins", List.of("*", "https://a.test"));
    in.put("headers", List.of("X-A"));
    in.put("exposed_headers", List.of("X-B"));
    in.put("methods", List.of("GET"));
    in.put("max_age", 3600L);
    in.put("credentials", true);
    in.put("private_network", true);
    in.put("preflight_continue", true);
    in.put("allow_origin_absent", false);
    CorsConfig c = BINDER.bind(config(in));
    assertThat(c).isEqualTo(new CorsConfig(List.of("*", "https://a.test"), List.of("X-A"), List.of("X-B"),
        List.of("GET"), 3600.0, true, true, true, false));
  }

  @Test
  void originsMustBeAsteriskOrRegexes() {
    assertThat(fields(Map.of("origins", List.of("https://ok.test", "(unclosed")))).containsEntry("fields",
        Map.of("config", Map.of("origins", Arrays.asList(null, "'(unclosed' is not a valid regex"))));
    config(Map.of("origins", List.of("*", "https://.*\\.example\\.test", "http://plain.test:8000")));
  }

  @Test
  void methodsAreKongsNine() {
    assertThat(fields(Map.of("methods", List.of("GET", "FETCH")))).containsEntry("fields", Map.of("config",
        Map.of("methods", Arrays.asList(null,
            "expected one of: GET, HEAD, PUT, PATCH, POST, DELETE, OPTIONS, TRACE, CONNECT"))));
  }

  @Test
  void typesAndRequiredBooleans() {
    Map<String, Object> in = new HashMap<>();
    in.put("max_age", "an hour");
    in.put("credentials", "yes");
    in.put("preflight_continue", null);
    in.put("headers", "X-A");
    assertThat(fields(in)).containsEntry("fields", Map.of("config", Map.of(
        "max_age", "expected a number",
        "credentials", "expected a boolean",
        "preflight_continue", "required field missing",
        "headers", "expected an array")));
  }

  @Test
  void neverScopedToAConsumer() {
    gw.consumer("ann");
    try {
      gw.validatePlugin("cors", Map.of(), Map.of("consumer", "ann"));
      throw new AssertionError("consumer scope accepted");
    } catch (SchemaViolation e) {
      assertThat(e.toJson().get("fields")).isEqualTo(Map.of("consumer", "value must be null"));
    }
  }
}
