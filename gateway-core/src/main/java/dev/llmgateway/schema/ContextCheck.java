package dev.llmgateway.schema;

import java.util.Map;

/**
 * A built-in Kong entity checker: it sees the whole {@link CheckContext} (processed values, which fields are
 * invalid) and decides itself whether to run with invalid fields, as each of Kong's checkers declares.
 */
abstract class ContextCheck implements EntityCheck {
  abstract void run(CheckContext ctx, FieldErrors errors);

  /** Used when a check is called directly on valid values, outside a schema. */
  @Override
  public void check(Map<String, Object> values, FieldErrors errors) {
    run(new CheckContext(values, Map.of(), Map.of(), false), errors);
  }
}
