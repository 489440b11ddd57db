package dev.llmgateway.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The specialisation of a schema for one value of its subschema key (Kong's {@code subschemas}): fields that
 * replace the parent's fields of the same name (a route's {@code strip_path} for gRPC, a plugin's {@code config})
 * and more entity checks, which run after the parent's.
 */
public record Subschema(List<Field> fields, List<EntityCheck> checks) {
  public Subschema {
    fields = List.copyOf(fields);
    checks = List.copyOf(checks);
  }

  public static Subschema of(Field... fields) {
    return new Subschema(Arrays.asList(fields), List.of());
  }

  /** A copy with more entity checks. */
  public Subschema withChecks(EntityCheck... more) {
    return withChecks(Arrays.asList(more));
  }

  /** A copy with more entity checks. */
  public Subschema withChecks(List<EntityCheck> more) {
    List<EntityCheck> all = new ArrayList<>(checks);
    all.addAll(more);
    return new Subschema(fields, all);
  }
}
