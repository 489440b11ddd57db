package dev.llmgateway.internal.admin;

import dev.llmgateway.entity.EntityType;
import java.util.ArrayList;
import java.util.List;

/**
 * What an Admin API path names, as {@link RouteTable} resolves it: a fixed endpoint, or one of the generic
 * entity endpoints Kong generates for every type and every foreign key.
 */
record AdminRoute(Kind kind, EntityType type, String key, EntityType parentType, String parentKey,
    String fkField, String collectionPath, String name) {

  /** The kinds of endpoint, with the methods each answers (HEAD and OPTIONS come with GET). */
  enum Kind {
    ROOT("GET"), STATUS("GET"), METRICS("GET"), ENDPOINTS("GET"), CONFIG("GET", "POST"), PLUGINS_ENABLED("GET"), TAGS("GET"),
    TAG("GET"),
    SCHEMA("GET"), PLUGIN_SCHEMA("GET"), SCHEMA_VALIDATE("POST"), PLUGIN_SCHEMA_VALIDATE("POST"),
    COLLECTION("GET", "POST"), ENTITY("GET", "PUT", "PATCH", "DELETE"), PARENT_OF("GET", "PUT", "PATCH", "DELETE"),
    NESTED_COLLECTION("GET", "POST"), NESTED_ENTITY("GET", "PUT", "PATCH", "DELETE"), TARGETS_ALL("GET"),
    UPSTREAM_HEALTH("GET"), TARGET_HEALTH("PUT", "POST");

    final List<String> methods;

    Kind(String... methods) {
      this.methods = List.of(methods);
    }

    /** The {@code Allow} list: the methods plus HEAD and OPTIONS, sorted. */
    String allow() {
      List<String> all = new ArrayList<>(methods);
      all.add("HEAD");
      all.add("OPTIONS");
      all.sort(null);
      return String.join(", ", all);
    }
  }

  /** A route that names no entity, only perhaps a name ({@code /schemas/{name}}). */
  static AdminRoute fixed(Kind kind, String name) {
    return new AdminRoute(kind, null, null, null, null, null, null, name);
  }
}
