package dev.llmgateway.admin;

import dev.llmgateway.config.EntityTypes;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.entity.ForeignKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an Admin API path names, resolved against the entity types: a fixed endpoint, or one of the generic
 * entity endpoints Kong generates for every type and every foreign key.
 */
record AdminRoute(Kind kind, EntityType type, String key, EntityType parentType, String parentKey,
    String fkField, String collectionPath, String name) {

  /** The kinds of endpoint, with the methods each answers (HEAD and OPTIONS come with GET). */
  enum Kind {
    ROOT("GET"), STATUS("GET"), CONFIG("GET", "POST"), PLUGINS_ENABLED("GET"),
    SCHEMA("GET"), PLUGIN_SCHEMA("GET"), SCHEMA_VALIDATE("POST"), PLUGIN_SCHEMA_VALIDATE("POST"),
    COLLECTION("GET", "POST"), ENTITY("GET", "PUT", "PATCH", "DELETE"), PARENT_OF("GET", "PUT", "PATCH", "DELETE"),
    NESTED_COLLECTION("GET", "POST"), NESTED_ENTITY("GET", "PUT", "PATCH", "DELETE");

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

  private static AdminRoute fixed(Kind kind, String name) {
    return new AdminRoute(kind, null, null, null, null, null, null, name);
  }

  /** Resolves decoded path segments; null when nothing lives there (404). */
  static AdminRoute resolve(List<String> s, EntityTypes types) {
    int n = s.size();
    if (n == 0) {
      return fixed(Kind.ROOT, null);
    }
    if (n == 1 && s.get(0).equals("status")) {
      return fixed(Kind.STATUS, null);
    }
    if (n == 1 && s.get(0).equals("config")) {
      return fixed(Kind.CONFIG, null);
    }
    if (n == 2 && s.get(0).equals("plugins") && s.get(1).equals("enabled")) {
      return fixed(Kind.PLUGINS_ENABLED, null);
    }
    if (s.get(0).equals("schemas")) {
      return schemas(s);
    }
    EntityType type = types.byAdminPath(s.get(0));
    if (type == null || n > 4) {
      return null;
    }
    String base = "/" + s.get(0);
    if (n == 1) {
      return new AdminRoute(Kind.COLLECTION, type, null, null, null, null, base, null);
    }
    if (n == 2) {
      return new AdminRoute(Kind.ENTITY, type, s.get(1), null, null, null, base, null);
    }
    AdminRoute parent = n == 3 ? parentOf(type, s, types) : null;
    return parent != null ? parent : nested(type, s, types, base);
  }

  /** {@code /routes/{r}/service}: the entity a child's foreign key points at. */
  private static AdminRoute parentOf(EntityType type, List<String> s, EntityTypes types) {
    ForeignKey fk = type.foreignKey(s.get(2));
    EntityType referenced = fk == null ? null : types.byName(fk.references());
    if (referenced == null || referenced.adminPath() == null) {
      return null;
    }
    return new AdminRoute(Kind.PARENT_OF, referenced, null, type, s.get(1), fk.field(), null, null);
  }

  /** {@code /services/{s}/routes[/{r}]}: children of one parent. */
  private static AdminRoute nested(EntityType type, List<String> s, EntityTypes types, String base) {
    for (Map.Entry<EntityType, String> child : types.childrenOf(type)) {
      EntityType childType = child.getKey();
      if (!s.get(2).equals(nestedName(childType, type))) {
        continue;
      }
      String collection = base + "/" + s.get(1) + "/" + s.get(2);
      if (s.size() == 3) {
        return new AdminRoute(Kind.NESTED_COLLECTION, childType, null, type, s.get(1), child.getValue(),
            collection, null);
      }
      return new AdminRoute(Kind.NESTED_ENTITY, childType, s.get(3), type, s.get(1), child.getValue(), collection,
          null);
    }
    return null;
  }

  private static AdminRoute schemas(List<String> s) {
    int n = s.size();
    if (n == 2) {
      return fixed(Kind.SCHEMA, s.get(1));
    }
    if (n == 3 && s.get(1).equals("plugins") && s.get(2).equals("validate")) {
      return fixed(Kind.PLUGIN_SCHEMA_VALIDATE, "plugins");
    }
    if (n == 3 && s.get(1).equals("plugins")) {
      return fixed(Kind.PLUGIN_SCHEMA, s.get(2));
    }
    if (n == 3 && s.get(2).equals("validate")) {
      return fixed(Kind.SCHEMA_VALIDATE, s.get(1));
    }
    return null;
  }

  /** A child type's collection name under a parent entity: its nested path, else its admin path, else its name. */
  static String nestedName(EntityType child, EntityType parent) {
    String nested = child.nestedPaths().get(parent.name());
    if (nested != null) {
      return nested;
    }
    return child.adminPath() != null ? child.adminPath() : child.name();
  }

  /** Percent-decoded path segments, one trailing slash tolerated; null when the path has empty segments. */
  static List<String> segments(String rawPath) {
    String path = rawPath;
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    List<String> out = new ArrayList<>();
    if (path.equals("/") || path.isEmpty()) {
      return out;
    }
    String[] parts = path.substring(path.startsWith("/") ? 1 : 0).split("/", -1);
    for (String part : parts) {
      if (part.isEmpty()) {
        return null;
      }
      out.add(FormDecoder.unescape(part.replace("+", "%2B")));
    }
    return out;
  }
}
