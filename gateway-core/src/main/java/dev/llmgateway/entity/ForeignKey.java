package dev.llmgateway.entity;

import java.util.Objects;

/**
 * A reference from one entity type's field to another type; {@code cascade} says whether deleting the parent
 * deletes the child (plugins, targets, credentials) or is refused while children exist (routes of a service).
 */
public record ForeignKey(String field, String references, boolean cascade) {
  public ForeignKey {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(references, "references");
  }
}
