package dev.llmgateway.undertow.embed;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a plugin applies, by entity name or id: everywhere ({@link #global()}), or on a service, a route, a
 * consumer, or a combination such as {@code PluginScope.service("vllm").consumer("alice")}. Kong's precedence
 * decides which one runs when several match.
 */
public record PluginScope(String service, String route, String consumer) {
  /** Every request. */
  public static PluginScope global() {
    return new PluginScope(null, null, null);
  }

  /** Requests to one service. */
  public static PluginScope service(String serviceNameOrId) {
    return global().andService(serviceNameOrId);
  }

  /** Requests matched by one route. */
  public static PluginScope route(String routeNameOrId) {
    return global().andRoute(routeNameOrId);
  }

  /** This scope, also restricted to a service. */
  public PluginScope andService(String serviceNameOrId) {
    return new PluginScope(serviceNameOrId, route, consumer);
  }

  /** This scope, also restricted to a route. */
  public PluginScope andRoute(String routeNameOrId) {
    return new PluginScope(service, routeNameOrId, consumer);
  }

  /** This scope, also restricted to one (authenticated) consumer. */
  public PluginScope consumer(String consumerNameOrId) {
    return new PluginScope(service, route, consumerNameOrId);
  }

  /** The plugin entity's reference fields, Kong's form-style {@code service.name}/{@code service.id}. */
  Map<String, Object> fields() {
    Map<String, Object> out = new LinkedHashMap<>();
    put(out, "service", "name", service);
    put(out, "route", "name", route);
    put(out, "consumer", "username", consumer);
    return out;
  }

  private static void put(Map<String, Object> out, String field, String key, String value) {
    if (value != null) {
      boolean uuid = dev.llmgateway.config.Configuration.parseUuid(value) != null;
      out.put(field, Map.of(uuid ? "id" : key, value));
    }
  }
}
