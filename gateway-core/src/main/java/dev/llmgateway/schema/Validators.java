package dev.llmgateway.schema;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** Kong's common field validators with their exact error texts. */
public final class Validators {
  private Validators() {}

  private static final Pattern UUID_PATTERN =
      Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  public static final Validator UUID =
      v -> UUID_PATTERN.matcher((String) v).matches() ? null : "expected a valid UUID";

  public static Validator oneOf(Collection<String> allowed) {
    List<String> list = List.copyOf(allowed);
    String message = "expected one of: " + String.join(", ", list);
    return v -> list.contains(v) ? null : message;
  }

  public static Validator between(long min, long max) {
    String message = "value should be between " + min + " and " + max;
    return v -> {
      double d = ((Number) v).doubleValue();
      return d >= min && d <= max ? null : message;
    };
  }

  /** Strictly greater than (Kong's {@code gt}). */
  public static Validator greaterThan(double bound) {
    String shown = bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    String message = "value must be greater than " + shown;
    return v -> ((Number) v).doubleValue() > bound ? null : message;
  }

  public static Validator startsWith(String prefix) {
    String message = "should start with: " + prefix;
    return v -> ((String) v).startsWith(prefix) ? null : message;
  }

  public static Validator lenMin(int min) {
    String message = "length must be at least " + min;
    return v -> {
      int len = v instanceof String s ? s.length() : v instanceof Collection<?> c ? c.size() : min;
      return len >= min ? null : message;
    };
  }

  public static Validator matches(Pattern pattern, String message) {
    return v -> pattern.matcher((String) v).find() ? null : message;
  }
}
