package dev.llmgateway.schema;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What Kong's entity checkers see of a record: its processed values (defaults filled in, invalid values as given),
 * which fields failed their own validation, and the field definitions. Paths may be dotted ({@code config.policy}),
 * as in a plugin's checks.
 */
final class CheckContext {
  private final Map<String, Object> values;
  private final Map<String, Object> fieldErrors;
  private final Map<String, Field> fields;
  private final boolean update;

  CheckContext(Map<String, Object> values, Map<String, Object> fieldErrors, Map<String, Field> fields,
      boolean update) {
    this.values = values;
    this.fieldErrors = fieldErrors;
    this.fields = fields;
    this.update = update;
  }

  Map<String, Object> values() {
    return values;
  }

  /** Kong's {@code validate_update}, whose checks say "when updating, ...". */
  boolean update() {
    return update;
  }

  /** The value at a (dotted) path, or null. */
  Object value(String path) {
    Object v = values;
    for (String part : path.split("\\.")) {
      if (v instanceof Row r) {
        v = r.get(part);
      } else if (v instanceof Map<?, ?> m) {
        v = m.get(part);
      } else {
        return null;
      }
    }
    return v;
  }

  /** Whether the field at the path passed its own validation. */
  boolean valid(String path) {
    String[] parts = path.split("\\.");
    Object error = fieldErrors.get(parts[0]);
    for (int i = 1; i < parts.length && error != null; i++) {
      if (!(error instanceof FieldErrors f)) {
        return false;
      }
      error = f.error(parts[i]);
    }
    return error == null || error instanceof FieldErrors f && f.isEmpty();
  }

  /** Whether the field at the path is required. */
  boolean required(String path) {
    Field f = field(path);
    return f != null && f.isRequired();
  }

  Field field(String path) {
    String[] parts = path.split("\\.");
    Field f = fields.get(parts[0]);
    for (int i = 1; i < parts.length && f != null; i++) {
      Schema nested = f.recordSchema();
      f = nested == null ? null : nested.field(parts[i]);
    }
    return f;
  }

  /** Kong's {@code set_field(errors, path, error)}: replaces the error at a (dotted) path. */
  static void setError(FieldErrors errors, String path, Object error) {
    String[] parts = path.split("\\.");
    FieldErrors target = errors;
    for (int i = 0; i < parts.length - 1; i++) {
      target = target.nested(parts[i]);
    }
    target.putError(parts[parts.length - 1], error);
  }

  /** Kong's {@code is_nonempty}: not null, not an empty string, not an empty table. */
  static boolean nonEmpty(Object v) {
    if (v == null) {
      return false;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof Collection<?> c) {
      return !c.isEmpty();
    }
    return !(v instanceof Map<?, ?> m) || !m.isEmpty();
  }

  /** Kong's {@code quoted_list}: {@code 'a', 'b'}. */
  static String quoted(List<String> words) {
    StringBuilder sb = new StringBuilder();
    for (String w : words) {
      sb.append(sb.length() == 0 ? "" : ", ").append('\'').append(w).append('\'');
    }
    return sb.toString();
  }
}
