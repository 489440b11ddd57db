package dev.llmgateway.plugin;

import dev.llmgateway.entity.EntityType;
import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Schema;
import java.util.List;

/**
 * A kind of plugin, such as {@code key-auth}: its name, its priority in Kong's order (higher runs first), its
 * config schema with the record it binds to, and a factory for configured instances. Found through
 * {@link java.util.ServiceLoader} (list the class in {@code META-INF/services/dev.llmgateway.plugin.PluginType})
 * or registered in code.
 *
 * <p>The config record {@code C} is bound from the validated config by name: component {@code hideGroupsHeader}
 * takes schema field {@code hide_groups_header}. The gateway checks the record against {@link #configSchema()}
 * when the type is registered (a component without a field of a compatible type fails start-up, naming both),
 * and binds it once per instance, never per request; see {@code docs/writing-plugins.md} for the rules.
 *
 * @param <C> the config record
 */
public interface PluginType<C extends Record> {
  /** The name used in the {@code plugins} entity, for example {@code rate-limiting}. */
  String name();

  /** Kong's {@code PRIORITY}: within a phase, higher runs first; equal priorities run by name, descending. */
  int priority();

  /** The plugin's version, shown by {@code GET /}. */
  default String version() {
    return "0.1.0";
  }

  /** The schema of the plugin's {@code config} record: fields, defaults and checks. */
  Schema configSchema();

  /** The record {@link #configSchema()} binds to; {@link PluginSetup#config()} is an instance of it. */
  Class<C> configType();

  /** False for authentication plugins, which may not be scoped to a consumer (Kong's {@code no_consumer}). */
  default boolean allowsConsumerScope() {
    return true;
  }

  /** Entities this plugin type brings (key-auth's credentials, acl's groups); served by the Admin API too. */
  default List<EntityType> entityTypes() {
    return List.of();
  }

  /**
   * Checks across the whole {@code plugins} row, like the {@code entity_checks} of a Kong plugin schema (which
   * name fields as {@code config.minute}); they run after every field is valid and see {@code config} as a Row.
   */
  default List<EntityCheck> entityChecks() {
    return List.of();
  }

  /**
   * Creates the instance for one configured plugin. Called once per config snapshot, never per request, off the
   * request path; state that must outlive a snapshot (counters, caches) goes in {@link PluginSetup#state()}. An
   * exception refuses the configuration change (the Admin API answers 400 with its message).
   */
  Plugin create(PluginSetup<C> setup);
}
