package dev.llmgateway.internal.declarative;

import dev.llmgateway.entity.EntityType;
import dev.llmgateway.schema.Row;
import java.util.Map;

/** One entity as declared in a file, with where it was found and, when nested, the parent it belongs to. */
final class Declared {
  final EntityType type;
  final Map<String, Object> values;
  final ErrorTree.Path path;
  final Declared parent;
  final String parentField;
  Row row;

  Declared(EntityType type, Map<String, Object> values, ErrorTree.Path path, Declared parent, String parentField) {
    this.type = type;
    this.values = values;
    this.path = path;
    this.parent = parent;
    this.parentField = parentField;
  }

  /** The declared or generated id as text (possibly not a valid UUID: the schema reports that). */
  String id() {
    Object id = values.get("id");
    return id instanceof String s ? s : null;
  }
}
