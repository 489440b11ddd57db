package dev.llmgateway.internal.admin;

import dev.llmgateway.config.EntityTypes;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.internal.pipeline.PluginRegistry;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.SchemaViolation;
import dev.llmgateway.internal.store.ApiError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Schema endpoints: {@code GET /schemas/{entity}}, {@code GET /schemas/plugins/{name}}, their
 * {@code POST .../validate} twins, and {@code GET /plugins/enabled}.
 */
final class SchemaEndpoints {
  private final AdminContext ctx;

  SchemaEndpoints(AdminContext ctx) {
    this.ctx = ctx;
  }

  private EntityType entity(String name) {
    EntityType type = ctx.configuration().types().byName(name);
    if (type == null) {
      throw ApiError.message(404, "No entity named '" + name + "'");
    }
    return type;
  }

  AdminResponse entitySchema(String name) {
    return AdminResponse.json(200, SchemaJson.of(entity(name).schema(), Map.of()));
  }

  AdminResponse pluginSchema(String name) {
    PluginRegistry registry = ctx.snapshot().registry();
    PluginType<?> type = registry.get(name);
    if (type == null) {
      throw ApiError.message(404, "No plugin named '" + name + "'");
    }
    EntityTypes types = ctx.configuration().types();
    return AdminResponse.json(200, SchemaJson.of(types.plugins().schema(), Map.of("config", type.configSchema())));
  }

  /** Validates a would-be entity without storing it: 200 with a message, or the schema violation. */
  AdminResponse validate(String name, BodyArgs args) {
    EntityType type = entity(name);
    try {
      Map<String, Object> input = type.expandShorthands(args.typedFor(type.schema(), null));
      Row ignored = type.schema().validate(input);
      return AdminResponse.json(200, Map.of("message", "schema validation successful"));
    } catch (SchemaViolation e) {
      throw ApiError.schemaViolation(e.errors());
    }
  }

  AdminResponse enabledPlugins() {
    List<String> names = new ArrayList<>(ctx.snapshot().registry().names());
    names.sort(null);
    return AdminResponse.json(200, Map.of("enabled_plugins", names));
  }
}
