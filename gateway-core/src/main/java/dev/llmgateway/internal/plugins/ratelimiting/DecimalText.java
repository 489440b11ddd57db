package dev.llmgateway.internal.plugins.ratelimiting;

/**
 * Decimal strings of the small numbers the rate-limit headers repeat on every response (remaining counts under
 * a few thousand, reset seconds up to an hour), made once each and then shared, so a response header costs no
 * string building. The cache fills lazily; a racing fill stores an equal string, which is harmless.
 */
final class DecimalText {
  private static final String[] CACHE = new String[3601];

  private DecimalText() {}

  static String of(long value) {
    if (value < 0 || value >= CACHE.length) {
      return Long.toString(value);
    }
    String s = CACHE[(int) value];
    if (s == null) {
      s = Long.toString(value);
      CACHE[(int) value] = s;
    }
    return s;
  }
}
