package dev.llmgateway.internal.declarative;

import dev.llmgateway.config.EntityTypes;
import dev.llmgateway.entity.EntityType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the document's tree into a flat list of {@link Declared} entities, parents before their nested
 * children: top-level arrays per table name, children nested under a parent by their table name
 * ({@code services[].routes[].plugins[]}), {@code _comment} and {@code _ignore} dropped after a type check.
 */
final class Flattener {
  static final Set<String> META = Set.of("_format_version", "_transform", "_comment", "_ignore");

  private final EntityTypes types;
  private final ErrorTree errors;
  private final List<Declared> out = new ArrayList<>();

  Flattener(EntityTypes types, ErrorTree errors) {
    this.types = types;
    this.errors = errors;
  }

  List<Declared> flatten(Map<String, Object> doc) {
    for (String key : doc.keySet()) {
      if (!META.contains(key) && types.byName(key) == null) {
        errors.message(new ErrorTree.Path(List.of(key)), "unknown field");
      }
    }
    for (EntityType type : types.all()) {
      Object list = doc.get(type.name());
      if (list == null) {
        continue;
      }
      if (!(list instanceof List<?> items)) {
        errors.message(new ErrorTree.Path(List.of(type.name())), "expected an array");
        continue;
      }
      for (int i = 0; i < items.size(); i++) {
        visit(type, items.get(i), ErrorTree.Path.of(type.name(), i), null, null);
      }
    }
    return out;
  }

  private void visit(EntityType type, Object item, ErrorTree.Path path, Declared parent, String parentField) {
    if (!(item instanceof Map<?, ?> raw)) {
      errors.message(path, "expected a record");
      return;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> values = new LinkedHashMap<>((Map<String, Object>) raw);
    checkMeta(values, path);
    Map<EntityType, String> childFields = new LinkedHashMap<>();
    Map<EntityType, Object> children = new LinkedHashMap<>();
    for (Map.Entry<EntityType, String> child : types.childrenOf(type)) {
      String key = child.getKey().name();
      if (type.schema().field(key) == null && values.containsKey(key) && !children.containsKey(child.getKey())) {
        children.put(child.getKey(), values.remove(key));
        childFields.put(child.getKey(), child.getValue());
      }
    }
    Declared declared = new Declared(type, values, path, parent, parentField);
    out.add(declared);
    children.forEach((childType, list) -> {
      if (!(list instanceof List<?> items)) {
        errors.message(path.field(childType.name()), "expected an array");
        return;
      }
      for (int i = 0; i < items.size(); i++) {
        visit(childType, items.get(i), path.child(childType.name(), i), declared, childFields.get(childType));
      }
    });
  }

  private void checkMeta(Map<String, Object> values, ErrorTree.Path path) {
    Object comment = values.remove("_comment");
    if (comment != null && !(comment instanceof String)) {
      errors.message(path.field("_comment"), "expected a string");
    }
    Object ignore = values.remove("_ignore");
    if (ignore != null && !(ignore instanceof List)) {
      errors.message(path.field("_ignore"), "expected an array");
    }
  }
}
