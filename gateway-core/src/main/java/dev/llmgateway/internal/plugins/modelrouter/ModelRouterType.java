package dev.llmgateway.internal.plugins.modelrouter;

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
public final class ModelRouterType implements PluginType<ModelRouterConfig> {
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
  public Class<ModelRouterConfig> configType() {
    return ModelRouterConfig.class;
  }

  @Override
  public List<EntityCheck> entityChecks() {
    return List.of(ModelRouterType::check);
  }

  private static void check(Map<String, Object> plugin, FieldErrors errors) {
    if (!(plugin.get("config") instanceof Row c)) {
      return;
    }
    // The check sees the validated row, before any binding: read the entries by field name.
    List<Object> models = c.list("models");
    Number refresh = c.numberOrNull("models_refresh_interval");
    boolean discovers = refresh != null && refresh.doubleValue() > 0;
    if (models == null || models.stream().noneMatch(ModelRouterType::isEntry)) {
      if (!discovers) {
        errors.nested("config").put("models", "at least one model is required (or a models_refresh_interval)");
      }
      return;
    }
    Set<String> names = new HashSet<>();
    for (Object o : models) {
      if (!isEntry(o)) {
        continue;
      }
      String name = (String) entry(o, "name");
      if (!names.add(name)) {
        errors.nested("config").entity("model '" + name + "' is listed twice");
      }
      if (entry(o, "service") != null && entry(o, "upstream") != null) {
        errors.nested("config").entity("model '" + name + "' names both a service and an upstream");
      }
    }
  }

  private static boolean isEntry(Object o) {
    return o instanceof Row || o instanceof Map<?, ?>;
  }

  private static Object entry(Object o, String field) {
    return o instanceof Row r ? r.get(field) : ((Map<?, ?>) o).get(field);
  }

  @Override
  public Plugin create(PluginSetup<ModelRouterConfig> setup) {
    return new ModelRouterPlugin(setup.config(), setup.view(), setup.binding(),
        setup.state(DiscoveredModels.KEY, DiscoveredModels::new));
  }
}
