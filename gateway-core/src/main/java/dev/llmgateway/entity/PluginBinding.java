package dev.llmgateway.entity;

import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.FieldErrors;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One configured plugin (Kong's {@code plugins} row): which plugin, its validated config, whether it is enabled,
 * and the route, service and consumer it is scoped to (any of them may be null; all null means global).
 */
public record PluginBinding(UUID id, String name, String instanceName, UUID routeId, UUID serviceId,
    UUID consumerId, Row config, boolean enabled, List<String> protocols, Row row) {

  /** What the plugins schema needs to know about plugin types: their config schemas and scoping rules. */
  public interface Catalog {
    /** The config schema of a plugin type, or null when no such plugin is enabled. */
    Schema configSchema(String pluginName);

    /** False for auth plugins, which Kong never scopes to a consumer. */
    boolean allowsConsumerScope(String pluginName);

    /** The plugin type's checks across the whole row (Kong's plugin-level {@code entity_checks}). */
    default List<EntityCheck> entityChecks(String pluginName) {
      return List.of();
    }
  }

  public PluginBinding {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(config, "config");
    protocols = List.copyOf(protocols);
    Objects.requireNonNull(row, "row");
  }

  /** The typed view of a validated plugins row. */
  public static PluginBinding of(Row row) {
    return new PluginBinding(row.uuid("id"), row.string("name"), row.string("instance_name"),
        row.foreignId("route"), row.foreignId("service"), row.foreignId("consumer"), row.record("config"),
        row.bool("enabled"), row.strings("protocols"), row);
  }

  /** The plugins schema for the plugin types a gateway has. */
  public static Schema schema(Catalog catalog) {
    return Schema.of("plugins",
        Typedefs.id(),
        Field.string("name").required().validate(v -> catalog.configSchema((String) v) != null ? null
            : "plugin '" + v + "' not enabled; add it to the 'plugins' configuration property"),
        Typedefs.utf8Name("instance_name"),
        Typedefs.createdAt(),
        Typedefs.updatedAt(),
        Field.foreign("route", "routes"),
        Field.foreign("service", "services"),
        Field.foreign("consumer", "consumers"),
        Field.record("config", siblings -> siblings.get("name") instanceof String n ? catalog.configSchema(n) : null),
        Field.set("protocols", Field.string("protocol").oneOf(Typedefs.PROTOCOLS.toArray(String[]::new)))
            .required().defaultValue(Typedefs.HTTP_PROTOCOLS),
        Field.bool("enabled").required().defaultValue(true),
        Typedefs.tags())
        .withChecks((Map<String, Object> v, FieldErrors errors) -> {
          if (v.get("consumer") != null && !catalog.allowsConsumerScope((String) v.get("name"))) {
            errors.put("consumer", "value must be null");
          }
          for (EntityCheck check : catalog.entityChecks((String) v.get("name"))) {
            check.check(v, errors);
          }
        });
  }

  /** The plugins entity type for the plugin types a gateway has. */
  public static EntityType type(Catalog catalog) {
    return EntityType.builder("plugins", schema(catalog))
        .endpointKey("instance_name")
        .cacheKeyField("name")
        .references("route", "routes", true, "plugins")
        .references("service", "services", true, "plugins")
        .references("consumer", "consumers", true, "plugins")
        .uniqueTogether("name", "route", "service", "consumer")
        .build();
  }

  /** How specific this binding's scope is, 1 (global) to 8 (route+service+consumer); higher wins. */
  public int scopeRank() {
    return ScopeRank.of(routeId != null, serviceId != null, consumerId != null);
  }
}
