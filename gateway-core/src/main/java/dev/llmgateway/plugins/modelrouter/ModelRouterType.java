package dev.llmgateway.plugins.modelrouter;

import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.FieldErrors;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The ai-model-router plugin type; it runs just after ai-proxy's priority (769), after authentication and limits. */
public final class ModelRouterType implements PluginType {
  @Override
  public String name() {
    return "ai-model-router";
  }

  @Override
  public int priority() {
    return 769;
  }

  @Override
  public Schema configSchema() {
    return ModelRouterConfig.SCHEMA;
  }

  @Override
  public List<EntityCheck> entityChecks() {
    return List.of(ModelRouterType::check);
  }

  private static void check(Map<String, Object> plugin, FieldErrors errors) {
    if (!(plugin.get("config") instanceof Row c)) {
      return;
    }
    ModelRouterConfig config = ModelRouterConfig.of(c);
    if (config.models().isEmpty()) {
      errors.nested("config").put("models", "at least one model is required");
      return;
    }
    Set<String> names = new HashSet<>();
    for (ModelRouterConfig.Model m : config.models()) {
      if (!names.add(m.name())) {
        errors.nested("config").entity("model '" + m.name() + "' is listed twice");
      }
      if (m.service() != null && m.upstream() != null) {
        errors.nested("config").entity("model '" + m.name() + "' names both a service and an upstream");
      }
    }
  }

  @Override
  public Plugin create(PluginSetup setup) {
    return new ModelRouterPlugin(ModelRouterConfig.of(setup.config()), setup.view(), setup.binding().id());
  }
}
