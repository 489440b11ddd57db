package dev.llmgateway.undertow.internal.testing;

import dev.llmgateway.internal.config.ConfigSnapshot;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import dev.llmgateway.entity.Target;
import dev.llmgateway.entity.Upstream;
import dev.llmgateway.internal.pipeline.PluginRegistry;
import dev.llmgateway.internal.pipeline.PluginStates;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds configurations for tests through the real model: every row is validated by its schema (shorthands such
 * as the service {@code url} expanded first) and snapshots are built as the gateway builds them.
 */
public final class TestConfig {
  private final PluginRegistry registry;
  private final PluginStates state = new PluginStates();
  private Configuration configuration;
  private long generation;

  private TestConfig(PluginRegistry registry) {
    this.registry = registry;
    this.configuration = Configuration.empty(registry.entityTypes());
  }

  /** A configuration for a gateway with exactly these plugin types. */
  public static TestConfig with(PluginType<?>... plugins) {
    return new TestConfig(PluginRegistry.of(plugins));
  }

  public PluginStates state() {
    return state;
  }

  /** Adds (or, with the same id, replaces) a service; {@code url} and the other Kong fields are accepted. */
  public UUID service(Map<String, Object> fields) {
    return put(Service.TYPE, fields);
  }

  /** A service named {@code name} pointing at {@code url}. */
  public UUID service(String name, String url) {
    return service(Map.of("name", name, "url", url));
  }

  /** Adds a route of {@code serviceId} (may be null) with more fields (paths, strip_path, ...). */
  public UUID route(UUID serviceId, Map<String, Object> fields) {
    Map<String, Object> f = new LinkedHashMap<>(fields);
    if (serviceId != null) {
      f.put("service", Map.of("id", serviceId.toString()));
    }
    return put(Route.TYPE, f);
  }

  /** A route of {@code serviceId} matching these prefix paths. */
  public UUID route(UUID serviceId, String... paths) {
    return route(serviceId, Map.of("paths", List.of((Object[]) paths)));
  }

  public UUID consumer(String username) {
    return put(Consumer.TYPE, Map.of("username", username));
  }

  public UUID upstream(String name) {
    return put(Upstream.TYPE, Map.of("name", name));
  }

  /** An upstream with more Kong fields ({@code algorithm}, {@code hash_on}, {@code healthchecks}...). */
  public UUID upstream(String name, Map<String, Object> fields) {
    Map<String, Object> f = new LinkedHashMap<>(fields);
    f.put("name", name);
    return put(Upstream.TYPE, f);
  }

  public UUID target(UUID upstreamId, String target, int weight) {
    return put(Target.TYPE, Map.of("upstream", Map.of("id", upstreamId.toString()), "target", target,
        "weight", (long) weight));
  }

  /** Adds a plugin binding: {@code fields} holds {@code config} and scope ({@code route}, {@code service}...). */
  public UUID plugin(String name, Map<String, Object> fields) {
    Map<String, Object> f = new LinkedHashMap<>(fields);
    f.put("name", name);
    return put(registry.entityTypes().plugins(), f);
  }

  /** Adds a row of any entity type, plugin-contributed ones included (credentials such as key-auth's). */
  public UUID entity(EntityType type, Map<String, Object> fields) {
    return put(type, fields);
  }

  /** Deletes the row of that id, without cascade (delete a parent's children first, as the Admin API does). */
  public void delete(EntityType type, UUID id) {
    configuration = configuration.without(type, id);
  }

  private UUID put(EntityType type, Map<String, Object> fields) {
    Map<String, Object> f = new LinkedHashMap<>(fields);
    f.putIfAbsent("id", UUID.randomUUID().toString());
    Row row = type.schema().validate(type.expandShorthands(f));
    configuration = configuration.with(type, row);
    return row.uuid("id");
  }

  /** A snapshot of the configuration as it is now; each call is the next generation. */
  public ConfigSnapshot snapshot() {
    return ConfigSnapshot.build(configuration, registry, state, ++generation);
  }
}
