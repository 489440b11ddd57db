package dev.llmgateway.internal.plugins.testing;

import dev.llmgateway.internal.config.ConfigSnapshot;
import dev.llmgateway.internal.config.LiveConfig;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import dev.llmgateway.internal.pipeline.PluginRegistry;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.internal.pipeline.PluginStates;
import dev.llmgateway.internal.plugins.acl.AclGroup;
import dev.llmgateway.internal.plugins.keyauth.KeyAuthCredential;
import dev.llmgateway.schema.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A configuration under construction and the real snapshots it builds (as a config swap would), for core tests
 * of schemas, bindings and snapshots; requests through plugins are tested end to end in gateway-testkit.
 */
public final class TestGateway {
  private final PluginRegistry registry;
  private final PluginStates state = new PluginStates();
  private Configuration cfg;
  private ConfigSnapshot snapshot;
  private long generation;

  public TestGateway(PluginType<?>... types) {
    this.registry = PluginRegistry.of(types);
    this.cfg = Configuration.empty(registry.entityTypes());
  }

  public PluginRegistry registry() {
    return registry;
  }

  public PluginStates state() {
    return state;
  }

  public Configuration configuration() {
    return cfg;
  }

  public UUID service(String name, String url) {
    return add(Service.TYPE, Map.of("name", name, "url", url));
  }

  public UUID route(String name, String path, String service) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("name", name);
    r.put("paths", List.of(path));
    if (service != null) {
      r.put("service", Map.of("id", id(Service.TYPE, service).toString()));
    }
    return add(Route.TYPE, r);
  }

  public UUID consumer(String username) {
    return add(Consumer.TYPE, Map.of("username", username));
  }

  public UUID consumer(String username, String customId) {
    return add(Consumer.TYPE, Map.of("username", username, "custom_id", customId));
  }

  public UUID credential(String username, String key) {
    return add(KeyAuthCredential.TYPE, Map.of("consumer", ref(Consumer.TYPE, username), "key", key));
  }

  public UUID credential(String username, String key, long createdAt, long ttl) {
    return add(KeyAuthCredential.TYPE,
        Map.of("consumer", ref(Consumer.TYPE, username), "key", key, "created_at", createdAt, "ttl", ttl));
  }

  public UUID acl(String username, String group) {
    return add(AclGroup.TYPE, Map.of("consumer", ref(Consumer.TYPE, username), "group", group));
  }

  /** Adds a plugin; {@code scope} holds any of route, service, consumer (by name) and other plugin fields. */
  public UUID plugin(String name, Map<String, Object> config, Map<String, String> scope) {
    return add(registry.entityTypes().plugins(), pluginFields(name, config, scope));
  }

  public UUID plugin(String name, Map<String, Object> config) {
    return plugin(name, config, Map.of());
  }

  /** The plugins row these fields validate to (throws SchemaViolation when they do not). */
  public Row validatePlugin(String name, Map<String, Object> config, Map<String, String> scope) {
    Map<String, Object> fields = pluginFields(name, config, scope);
    fields.put("id", UUID.randomUUID().toString());
    return registry.entityTypes().plugins().schema().validate(fields);
  }

  private Map<String, Object> pluginFields(String name, Map<String, Object> config, Map<String, String> scope) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", name);
    if (config != null) {
      p.put("config", config);
    }
    scope.forEach((k, v) -> {
      switch (k) {
        case "route" -> p.put("route", ref(Route.TYPE, v));
        case "service" -> p.put("service", ref(Service.TYPE, v));
        case "consumer" -> p.put("consumer", ref(Consumer.TYPE, v));
        default -> p.put(k, v);
      }
    });
    return p;
  }

  /** Removes an entity by id (no cascade). */
  public void remove(EntityType type, UUID id) {
    cfg = cfg.without(type, id);
    snapshot = null;
  }

  /** Replaces the whole configuration. */
  public void replace(Configuration next) {
    cfg = next;
    snapshot = null;
  }

  public UUID add(EntityType type, Map<String, Object> fields) {
    Map<String, Object> input = new LinkedHashMap<>(type.expandShorthands(fields));
    input.putIfAbsent("id", UUID.randomUUID().toString());
    input.putIfAbsent("created_at", 1_700_000_000L);
    Row row = type.schema().validate(input);
    cfg = cfg.with(type, row);
    snapshot = null;
    return row.uuid("id");
  }

  private Map<String, Object> ref(EntityType type, String name) {
    return Map.of("id", id(type, name).toString());
  }

  public UUID id(EntityType type, String name) {
    Row row = cfg.find(type, name);
    if (row == null) {
      throw new IllegalArgumentException("no " + type.name() + " " + name);
    }
    return row.uuid("id");
  }

  /** The current snapshot (rebuilt after changes, as a config swap would). */
  private LiveConfig live;

  public ConfigSnapshot snapshot() {
    if (snapshot == null) {
      snapshot = ConfigSnapshot.build(cfg, registry, state, ++generation);
      if (live == null) {
        live = new LiveConfig(snapshot);
      } else {
        live.swap(snapshot); // as the config writer does: deleted plugins' state goes, old instances retire
      }
    }
    return snapshot;
  }
}
