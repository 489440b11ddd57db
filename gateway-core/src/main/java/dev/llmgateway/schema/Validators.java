package dev.llmgateway.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Kong's field validators ({@code Schema.validators} in {@code kong/db/schema/init.lua}) with their exact texts. */
public final class Validators {
  private Validators() {}

  private static final Pattern UUID_PATTERN =
      Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  public static final Validator UUID =
      v -> UUID_PATTERN.matcher((String) v).matches() ? null : "expected a valid UUID";

  /** Kong's {@code timestamp}: strictly positive. */
  public static final Validator TIMESTAMP =
      v -> ((Number) v).doubleValue() > 0 ? null : "expected a valid timestamp";

  public static Validator oneOf(Collection<String> allowed) {
    return oneOfValues(allowed);
  }

  /** {@code one_of} for any values, compared numerically for numbers ({@code expected one of: 426, 301}). */
  public static Validator oneOfValues(Collection<?> allowed) {
    List<Object> list = List.copyOf(allowed);
    String message = "expected one of: " + join(list);
    return v -> containsValue(list, v) ? null : message;
  }

  public static Validator notOneOf(Collection<String> refused) {
    List<Object> list = List.copyOf(refused);
    String message = "must not be one of: " + join(list);
    return v -> containsValue(list, v) ? message : null;
  }

  /** Kong's {@code ne}: the message names the refused value ({@code value must not be true}). */
  public static Validator notEqual(Object refused) {
    return v -> sameValue(v, refused) ? "value must not be " + v : null;
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
    return v -> length(v) >= min ? null : message;
  }

  public static Validator lenMax(int max) {
    String message = "length must be at most " + max;
    return v -> length(v) <= max ? null : message;
  }

  public static Validator lenEq(int len) {
    String message = "length must be " + len;
    return v -> length(v) == len ? null : message;
  }

  /** Kong's {@code match}: the pattern must be found in the value. */
  public static Validator matches(Pattern pattern, String message) {
    return v -> pattern.matcher((String) v).find() ? null : message;
  }

  /** Kong's {@code match_none}: the pattern must not be found in the value. */
  public static Validator matchNone(Pattern pattern, String message) {
    return v -> pattern.matcher((String) v).find() ? message : null;
  }

  /** Kong's {@code match_any}: one of the patterns must be found. */
  public static Validator matchAny(List<Pattern> patterns, String message) {
    List<Pattern> list = List.copyOf(patterns);
    return v -> {
      for (Pattern p : list) {
        if (p.matcher((String) v).find()) {
          return null;
        }
      }
      return message;
    };
  }

  /** Kong's {@code contains} for arrays and sets. */
  public static Validator contains(Object wanted) {
    String message = "expected to contain: " + wanted;
    return v -> containsValue((List<?>) v, wanted) ? null : message;
  }

  /** Kong's {@code mutually_exclusive_subsets}; the message lists the subsets used, in order of appearance. */
  public static Validator mutuallyExclusiveSubsets(List<List<String>> subsets) {
    List<List<String>> copy = List.copyOf(subsets);
    return v -> {
      List<List<String>> used = new ArrayList<>();
      for (Object element : (List<?>) v) {
        for (List<String> subset : copy) {
          if (subset.contains(element) && !used.contains(subset)) {
            used.add(subset);
          }
        }
      }
      if (used.size() <= 1) {
        return null;
      }
      StringBuilder sb = new StringBuilder("these sets are mutually exclusive: ");
      for (int i = 0; i < used.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append('(').append(CheckContext.quoted(used.get(i))).append(')');
      }
      return sb.toString();
    };
  }

  private static int length(Object v) {
    if (v instanceof String s) {
      return s.length();
    }
    if (v instanceof Collection<?> c) {
      return c.size();
    }
    return v instanceof Map<?, ?> m ? m.size() : 0;
  }

  private static boolean containsValue(List<?> list, Object v) {
    for (Object o : list) {
      if (sameValue(o, v)) {
        return true;
      }
    }
    return false;
  }

  /** Lua equality for plain values: numbers by value, whatever their Java type. */
  static boolean sameValue(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return a == null ? b == null : a.equals(b);
  }

  private static String join(List<Object> list) {
    StringBuilder sb = new StringBuilder();
    for (Object o : list) {
      sb.append(sb.length() == 0 ? "" : ", ").append(o);
    }
    return sb.toString();
  }
}
