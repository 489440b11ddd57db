package dev.llmgateway.entity;

import dev.llmgateway.schema.Row;
import java.util.Map;

/**
 * Rewrites an entity's values when they are written (Kong's schema {@code transformations}, run on insert, upsert
 * and update, and on declarative load unless {@code _transform: false}); may throw
 * {@link dev.llmgateway.schema.SchemaViolation}.
 */
@FunctionalInterface
public interface WriteTransform {
  /** The values to validate; {@code existing} is the stored row a PATCH merges into, else null. */
  Map<String, Object> apply(Map<String, Object> values, Row existing);
}
