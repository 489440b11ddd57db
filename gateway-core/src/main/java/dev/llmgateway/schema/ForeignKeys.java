package dev.llmgateway.schema;

import java.util.Map;

/**
 * Kong's check of a {@code foreign} value ({@code Schema:validate_primary_key} of the referenced entity): only the
 * primary key matters, other keys are ignored; errors nest under the key ({@code {"service":{"id":...}}}).
 */
final class ForeignKeys {
  private ForeignKeys() {}

  static Validation.Outcome check(Object v) {
    if (v instanceof Row r && r.schema() == Schema.foreignKeySchema()) {
      return Validation.Outcome.ok(r);
    }
    Object id;
    boolean present;
    if (v instanceof Map<?, ?> m) {
      present = m.containsKey("id");
      id = m.get("id");
    } else if (v instanceof Row r) {
      present = r.get("id") != null;
      id = r.get("id");
    } else {
      // Kong indexes the value for its key; a string or number has none.
      present = false;
      id = null;
    }
    String error;
    if (!present) {
      error = "missing primary key";
    } else if (id == null) {
      error = Validation.REQUIRED;
    } else if (!(id instanceof String s)) {
      error = "expected a string";
    } else {
      error = Validators.UUID.check(s);
      if (error == null) {
        return Validation.Outcome.ok(new Row(Schema.foreignKeySchema(), Map.of("id", s)));
      }
    }
    return Validation.Outcome.fail(new FieldErrors().put("id", error), v);
  }
}
