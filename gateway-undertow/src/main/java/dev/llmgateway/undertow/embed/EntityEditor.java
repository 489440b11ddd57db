package dev.llmgateway.undertow.embed;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.schema.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entity operations shared by {@link Entities} (each call one stored change) and the transaction handed to
 * {@link Entities#apply} (every call part of one change): Kong's tables and JSON fields, plus shorthands for the
 * usage guide's services, routes, consumers, keys and plugins. Refusals throw {@link GatewayConfigException} with
 * the error the Admin API would answer.
 */
public interface EntityEditor {
  /** Creates an entity of {@code table} from Kong's JSON fields (like {@code POST /<table>}). */
  Row create(String table, Map<String, Object> fields);

  /** Changes some fields of the entity named or identified by {@code idOrName} (like {@code PATCH}). */
  Row update(String table, String idOrName, Map<String, Object> patch);

  /** Deletes the entity, and its dependants as Kong cascades; false when it did not exist. */
  boolean delete(String table, String idOrName);

  /** The entity as this editor sees it now, or null. */
  Row get(String table, String idOrName);

  /** Every entity of {@code table}, as this editor sees them now. */
  List<Row> list(String table);

  /** A service from Kong's {@code url} shorthand ({@code http://host:port/path}). */
  default Row addService(String name, String url) {
    return addService(name, url, Map.of());
  }

  /** A service with more fields, e.g. {@code Map.of("read_timeout", 120000)}. */
  default Row addService(String name, String url, Map<String, Object> more) {
    Map<String, Object> fields = new LinkedHashMap<>(more);
    fields.put("name", name);
    fields.put("url", url);
    return create("services", fields);
  }

  /** A service from a typed spec. */
  default Row addService(ServiceSpec spec) {
    return create("services", spec.fields());
  }

  /** A route of {@code service} on path prefixes, stripping the matched prefix (the usage guide's routes). */
  default Row addRoute(String service, String name, String... paths) {
    return addRoute(RouteSpec.of(service, name, paths));
  }

  /** A route from a typed spec. */
  default Row addRoute(RouteSpec spec) {
    return create("routes", spec.fields());
  }

  /** A consumer. */
  default Row addConsumer(String username) {
    return create("consumers", Map.of("username", username));
  }

  /** A key-auth key for a consumer (needs the key-auth plugin type, which is bundled). */
  default Row addKey(String consumer, String key) {
    return create("keyauth_credentials", Map.of("consumer", reference(consumer, "username"), "key", key));
  }

  /** A plugin by type name, where it applies, and its config (fields left out take their defaults). */
  default Row addPlugin(String name, PluginScope scope, Map<String, Object> config) {
    Map<String, Object> fields = new LinkedHashMap<>(scope.fields());
    fields.put("name", name);
    fields.put("config", config);
    return create("plugins", fields);
  }

  /** A foreign-key value naming an entity by id when {@code nameOrId} is a UUID, else by {@code key}. */
  static Map<String, Object> reference(String nameOrId, String key) {
    return Map.of(Configuration.parseUuid(nameOrId) != null ? "id" : key, nameOrId);
  }
}
