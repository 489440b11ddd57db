package dev.llmgateway.internal.plugins.modelrouter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.pipeline.ConfigBinder;
import dev.llmgateway.internal.plugins.testing.TestGateway;
import dev.llmgateway.schema.SchemaViolation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ai-model-router's bound config and its checks across entries, which read the validated row by field name. */
class ModelRouterConfigBindingTest {
  private final TestGateway gw = new TestGateway(new ModelRouterType());

  private ModelRouterConfig bind(Map<String, Object> config) {
    return ConfigBinder.of("ai-model-router", ModelRouterConfig.class, ModelRouterConfig.SCHEMA)
        .bind(gw.validatePlugin("ai-model-router", config, Map.of()).record("config"));
  }

  private String violation(Map<String, Object> config) {
    try {
      gw.validatePlugin("ai-model-router", config, Map.of());
    } catch (SchemaViolation e) {
      return e.getMessage();
    }
    throw new AssertionError("expected a schema violation for " + config);
  }

  @Test
  void bindsTheModelsAndTheDefaults() {
    Map<String, Object> in = new HashMap<>();
    in.put("models", List.of(Map.of("name", "llama", "upstream_model", "meta/llama"),
        Map.of("name", "qwen", "service", "qwen-svc")));
    in.put("models_path", null);
    ModelRouterConfig c = bind(in);
    assertThat(c.models()).containsExactly(new ModelRouterConfig.Model("llama", null, null, "meta/llama"),
        new ModelRouterConfig.Model("qwen", "qwen-svc", null, null));
    assertThat(c.models().get(0).sentName()).isEqualTo("meta/llama");
    assertThat(c.modelsPath()).isEqualTo("/v1/models");
    assertThat(c.maxRequestBodySize()).isEqualTo(1048576);
    assertThat(c.openaiErrors()).isTrue();
    assertThat(c.includeStreamUsage()).isTrue();
  }

  @Test
  void checksAcrossEntriesKeepTheirWording() {
    assertThat(violation(Map.of("models", List.of())))
        .contains("models").contains("at least one model is required");
    assertThat(violation(Map.of("models", List.of(Map.of("name", "a"), Map.of("name", "a")))))
        .contains("model 'a' is listed twice");
    assertThat(violation(Map.of("models", List.of(Map.of("name", "a", "service", "s", "upstream", "u")))))
        .contains("model 'a' names both a service and an upstream");
  }
}
