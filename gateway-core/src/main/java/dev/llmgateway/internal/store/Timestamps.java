package dev.llmgateway.internal.store;

import dev.llmgateway.entity.EntityType;
import dev.llmgateway.schema.Row;
import java.util.Map;

/**
 * Kong's automatic timestamps: {@code created_at} is set on creation when not given (kept on replacement),
 * {@code updated_at} on every write. Integer Unix seconds, except targets: float seconds with millisecond
 * precision ({@code 1700000000.123}).
 */
final class Timestamps {
  private Timestamps() {}

  static void onCreate(EntityType type, Map<String, Object> values, Row existing, long nowMillis) {
    if (type.schema().field("created_at") != null && values.get("created_at") == null) {
      values.put("created_at", existing != null && existing.get("created_at") != null ? existing.get("created_at")
          : value(type, nowMillis));
    }
    onUpdate(type, values, nowMillis);
  }

  static void onUpdate(EntityType type, Map<String, Object> values, long nowMillis) {
    if (type.timestamps() != EntityType.Timestamps.CREATED_ONLY && type.schema().field("updated_at") != null) {
      values.put("updated_at", value(type, nowMillis));
    }
  }

  /** The timestamp value of {@code nowMillis} for the type's precision. */
  static Object value(EntityType type, long nowMillis) {
    if (type.timestamps() == EntityType.Timestamps.MILLISECONDS) {
      return nowMillis / 1000.0;
    }
    return nowMillis / 1000;
  }
}
