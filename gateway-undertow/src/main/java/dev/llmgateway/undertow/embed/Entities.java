package dev.llmgateway.undertow.embed;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.SchemaViolation;
import dev.llmgateway.store.ApiError;
import dev.llmgateway.store.ConfigWriter;
import dev.llmgateway.store.EntityKey;
import dev.llmgateway.store.EntityWrites;
import dev.llmgateway.store.Mutation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Changes a running gateway's services, routes, consumers, credentials and plugins from code, through the same
 * validation, integrity rules and store as the Admin API: each call returns once the change is stored and live
 * (the next request sees it; requests in flight finish on what they started with), or throws
 * {@link GatewayConfigException} with the error the Admin API would answer. Tables are Kong's names
 * ({@code services}, {@code routes}, {@code consumers}, {@code plugins}, {@code keyauth_credentials}, {@code acls},
 * ...). Calls block until the write is durable, so never call them on an IO thread (e.g. inside a plugin).
 */
public final class Entities {
  private static final long WRITE_TIMEOUT_SECONDS = 30;

  private final ConfigWriter writer;
  private final EntityWrites writes = EntityWrites.withSystemClock();

  Entities(ConfigWriter writer) {
    this.writer = writer;
  }

  /** Creates an entity of {@code table} from Kong's JSON fields (like {@code POST /<table>}). */
  public Row create(String table, Map<String, Object> fields) {
    EntityType type = type(table);
    return write(cfg -> writes.insert(cfg, type, fields));
  }

  /** Changes some fields of the entity named or identified by {@code idOrName} (like {@code PATCH}). */
  public Row update(String table, String idOrName, Map<String, Object> patch) {
    EntityType type = type(table);
    return write(cfg -> writes.update(cfg, type, EntityKey.parse(type, idOrName), patch));
  }

  /** Deletes the entity, and its dependants as Kong cascades; false when it did not exist. */
  public boolean delete(String table, String idOrName) {
    EntityType type = type(table);
    return write(cfg -> writes.delete(cfg, type, EntityKey.parse(type, idOrName))) != null;
  }

  /** The entity as it is now, or null. */
  public Row get(String table, String idOrName) {
    EntityType type = type(table);
    try {
      return EntityKey.parse(type, idOrName).find(current(), type);
    } catch (ApiError e) {
      throw translate(e);
    }
  }

  /** Every entity of {@code table}. */
  public List<Row> list(String table) {
    return new ArrayList<>(current().rows(type(table)));
  }

  /** A service from Kong's {@code url} shorthand ({@code http://host:port/path}). */
  public Row addService(String name, String url) {
    return addService(name, url, Map.of());
  }

  /** A service with more fields, e.g. {@code Map.of("read_timeout", 120000)}. */
  public Row addService(String name, String url, Map<String, Object> more) {
    Map<String, Object> fields = new LinkedHashMap<>(more);
    fields.put("name", name);
    fields.put("url", url);
    return create("services", fields);
  }

  /** A route of {@code service} on path prefixes, stripping the matched prefix (the usage guide's routes). */
  public Row addRoute(String service, String name, String... paths) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("name", name);
    fields.put("paths", List.of(paths));
    fields.put("strip_path", true);
    fields.put("service", ref(service, "name"));
    return create("routes", fields);
  }

  /** A consumer. */
  public Row addConsumer(String username) {
    return create("consumers", Map.of("username", username));
  }

  /** A key-auth key for a consumer (needs the key-auth plugin type, which is bundled). */
  public Row addKey(String consumer, String key) {
    return create("keyauth_credentials", Map.of("consumer", ref(consumer, "username"), "key", key));
  }

  /** A plugin by type name, where it applies, and its config (fields left out take their defaults). */
  public Row addPlugin(String name, PluginScope scope, Map<String, Object> config) {
    Map<String, Object> fields = new LinkedHashMap<>(scope.fields());
    fields.put("name", name);
    fields.put("config", config);
    return create("plugins", fields);
  }

  /** The configuration as it is now (immutable). */
  public Configuration current() {
    return writer.live().current().configuration();
  }

  private EntityType type(String table) {
    EntityType type = current().types().byName(Objects.requireNonNull(table, "table"));
    if (type == null) {
      throw new GatewayConfigException(404, Map.of("message", "no entity type named '" + table + "'"));
    }
    return type;
  }

  private static Map<String, Object> ref(String nameOrId, String key) {
    return Map.of(Configuration.parseUuid(nameOrId) != null ? "id" : key, nameOrId);
  }

  private <T> T write(Mutation<T> mutation) {
    try {
      return writer.submit(mutation).get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw translate(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayConfigException(503, Map.of("message", "interrupted while writing the configuration"));
    } catch (TimeoutException e) {
      throw new GatewayConfigException(503, Map.of("message", "the configuration store did not answer in time"));
    }
  }

  private static RuntimeException translate(Throwable cause) {
    if (cause instanceof ApiError api) {
      return new GatewayConfigException(api.status(), api.body());
    }
    if (cause instanceof SchemaViolation violation) {
      return new GatewayConfigException(400, violation.toJson());
    }
    return cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
  }
}
