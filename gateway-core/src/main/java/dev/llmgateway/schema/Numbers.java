package dev.llmgateway.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Lua's view of numbers for validation: one number type, integral when it has no fraction. */
final class Numbers {
  private static final double LONG_RANGE = 9.2e18;

  private Numbers() {}

  /** The value as an integer (a Long, or a Double too large for one), or null when it is not an integral number. */
  static Object integral(Object v) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger b) {
      return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
    }
    if (v instanceof Number n && !(v instanceof BigDecimal && ((BigDecimal) v).stripTrailingZeros().scale() > 0)) {
      double d = n.doubleValue();
      if (Double.isInfinite(d) || Double.isNaN(d) || d != Math.rint(d)) {
        return null;
      }
      return Math.abs(d) < LONG_RANGE ? (Object) (long) d : (Object) d;
    }
    return null;
  }

  /** The value as a Long or Double, or null when it is not a number. */
  static Object number(Object v) {
    if (v instanceof Long || v instanceof Double) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      return Double.isNaN(d) ? null : (Object) d;
    }
    return null;
  }

  /** A set's elements without duplicates, first occurrence kept; only scalars compare equal (as in Lua). */
  static List<Object> distinctScalars(List<?> list) {
    List<Object> out = new ArrayList<>(list.size());
    Set<Object> seen = new HashSet<>();
    for (Object o : list) {
      Object key = o instanceof Number n ? (Object) n.doubleValue() : o;
      boolean scalar = o instanceof String || o instanceof Number || o instanceof Boolean;
      if (!scalar || seen.add(key)) {
        out.add(o);
      }
    }
    return out;
  }
}
