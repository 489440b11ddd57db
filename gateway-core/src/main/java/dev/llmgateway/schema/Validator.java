package dev.llmgateway.schema;

/**
 * A check on one field value that already has the right type; answers null when the value is fine, otherwise
 * the Kong error text for it (for example {@code "should start with: /"}).
 */
@FunctionalInterface
public interface Validator {
  String check(Object value);
}
