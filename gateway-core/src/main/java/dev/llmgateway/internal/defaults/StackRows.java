package dev.llmgateway.internal.defaults;

import dev.llmgateway.entity.EntityType;
import dev.llmgateway.schema.Row;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Builds the validated rows of the default stack: stable ids and the timestamps each entity type keeps. */
final class StackRows {
  private StackRows() {}

  /** A stable id for an entity of the stack, the same at every start. */
  static UUID id(String table, String key) {
    return UUID.nameUUIDFromBytes(("llm-gateway/default-stack/" + table + "/" + key).getBytes(StandardCharsets.UTF_8));
  }

  /** Validates {@code fields} (shorthands expanded) as a new row of {@code type} created at {@code now}. */
  static Row create(EntityType type, UUID id, Map<String, Object> fields, long now) {
    Map<String, Object> input = new LinkedHashMap<>(type.expandShorthands(fields));
    input.put("id", id.toString());
    input.put("created_at", now);
    if (type.timestamps() != EntityType.Timestamps.CREATED_ONLY) {
      input.put("updated_at", now);
    }
    return type.schema().validate(input);
  }

  /** {@code existing} with {@code changes} merged in (Kong's PATCH), or {@code existing} when nothing changed. */
  static Row update(EntityType type, Row existing, Map<String, Object> changes, long now) {
    Row merged = type.schema().merge(existing, type.expandShorthands(changes));
    if (merged.equals(existing)) {
      return existing;
    }
    if (type.timestamps() == EntityType.Timestamps.CREATED_ONLY || existing.schema().field("updated_at") == null) {
      return merged;
    }
    Map<String, Object> stamped = merged.toPlainMap();
    stamped.put("updated_at", now);
    return type.schema().validate(stamped);
  }
}
