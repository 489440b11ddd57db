package dev.llmgateway.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A check across fields of one record (Kong's {@code entity_checks}); it runs only when every field on its own is
 * valid and reports into {@link FieldErrors}, usually as an {@code @entity} error.
 */
@FunctionalInterface
public interface EntityCheck {
  void check(Map<String, Object> values, FieldErrors errors);

  /** Kong's {@code at_least_one_of}: one of these fields must be non-null (and non-empty for collections). */
  static EntityCheck atLeastOneOf(String... fields) {
    return (values, errors) -> {
      for (String f : fields) {
        if (present(values.get(f))) {
          return;
        }
      }
      errors.entity("at least one of these fields must be non-empty: " + quoted(fields));
    };
  }

  /** Kong's {@code mutually_exclusive}: at most one of these fields may be set. */
  static EntityCheck mutuallyExclusive(String... fields) {
    return (values, errors) -> {
      List<String> set = new ArrayList<>();
      for (String f : fields) {
        if (present(values.get(f))) {
          set.add(f);
        }
      }
      if (set.size() > 1) {
        errors.entity("only one of these fields must be non-empty: " + quoted(fields));
      }
    };
  }

  /** Kong's {@code conditional}: when {@code ifField} equals {@code ifValue}, {@code thenField} must be set. */
  static EntityCheck requiredWhen(String ifField, Object ifValue, String thenField) {
    return (values, errors) -> {
      if (ifValue.equals(values.get(ifField)) && !present(values.get(thenField))) {
        errors.put(thenField, "required field missing");
      }
    };
  }

  private static boolean present(Object v) {
    if (v == null) {
      return false;
    }
    if (v instanceof java.util.Collection<?> c) {
      return !c.isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return true;
  }

  private static String quoted(String... fields) {
    StringBuilder sb = new StringBuilder();
    for (String f : fields) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append('\'').append(f).append('\'');
    }
    return sb.toString();
  }
}
