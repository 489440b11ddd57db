package dev.llmgateway.entity;

import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import dev.llmgateway.schema.Subschema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One configured plugin (Kong's {@code plugins} row): which plugin, its validated config, whether it is enabled,
 * and the route, service and consumer it is scoped to (any of them may be null; all null means global).
 */
public record PluginBinding(UUID id, String name, String instanceName, UUID routeId, UUID serviceId,
    UUID consumerId, Row config, boolean enabled, List<String> protocols, Row row) {

  /** Kong's text for a plugin name no loaded plugin type has. */
  public static final String NOT_ENABLED = "plugin '%s' not enabled; add it to the 'plugins' configuration property";

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

    /** Why no plugin type has this name; Kong's {@link #NOT_ENABLED} unless the catalog knows better. */
    default String unknownMessage(String pluginName) {
      return String.format(NOT_ENABLED, pluginName);
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
    List<String> protocols = row.strings("protocols");
    return new PluginBinding(row.uuid("id"), row.string("name"), row.string("instance_name"),
        row.foreignId("route"), row.foreignId("service"), row.foreignId("consumer"), row.record("config"),
        row.bool("enabled", true), protocols == null ? Typedefs.HTTP_PROTOCOLS : protocols, row);
  }

  /**
   * The plugins schema for the plugin types a gateway has ({@code entities/plugins.lua}): the plugin name selects
   * a subschema made of the plugin type's {@code config} record, its protocols, {@code consumer} refused for
   * plugins that cannot be consumer-scoped ({@code value must be null}) and the type's own entity checks; an
   * unknown name fails with the catalog's {@link Catalog#unknownMessage} alone.
   */
  public static Schema schema(Catalog catalog) {
    Map<String, Subschema> cache = new ConcurrentHashMap<>();
    return Schema.of("plugins",
        Typedefs.id(),
        Field.string("name").required(),
        Typedefs.utf8Name("instance_name"),
        Typedefs.createdAt(),
        Typedefs.updatedAt(),
        Field.foreign("route", "routes"),
        Field.foreign("service", "services"),
        Field.foreign("consumer", "consumers"),
        Field.record("config", Schema.of("config")),
        Field.set("protocols", Field.string("protocol").oneOf(Typedefs.PROTOCOLS.toArray(String[]::new)))
            .required().defaultValue(Typedefs.HTTP_PROTOCOLS),
        Field.bool("enabled").required().defaultValue(true),
        Typedefs.tags())
        .withWordedSubschemas("name", catalog::unknownMessage, name -> {
          Subschema known = cache.get(name);
          if (known != null) {
            return known;
          }
          Subschema made = subschema(catalog, name);
          if (made != null) {
            cache.put(name, made);
          }
          return made;
        });
  }

  private static Subschema subschema(Catalog catalog, String name) {
    Schema config = catalog.configSchema(name);
    if (config == null) {
      return null;
    }
    List<Field> fields = new ArrayList<>();
    fields.add(Field.record("config", config));
    fields.add(Typedefs.httpProtocols());
    if (!catalog.allowsConsumerScope(name)) {
      fields.add(Field.foreign("consumer", "consumers").mustBeNull());
    }
    return new Subschema(fields, catalog.entityChecks(name));
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
