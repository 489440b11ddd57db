package dev.llmgateway.internal.plugins.ratelimiting;

import dev.llmgateway.plugin.MutableHeaders;

/**
 * Kong's rate-limit response headers: {@code X-RateLimit-Limit-<Period>} and {@code X-RateLimit-Remaining-<Period>}
 * for every configured window, then {@code RateLimit-Limit}, {@code RateLimit-Remaining} and
 * {@code RateLimit-Reset} for the most constrained window (lowest remaining; on a tie the longer window), and
 * {@code Retry-After} (the same seconds as the reset) on a rejection.
 */
final class RateLimitHeaders {
  private RateLimitHeaders() {}

  /** Sets the headers for {@code usage} at {@code nowMillis}; returns the reset in seconds. */
  static long set(MutableHeaders headers, WindowLimits limits, Usage usage, long nowMillis) {
    int best = -1;
    long bestRemaining = 0;
    for (int i = 0; i < limits.size(); i++) {
      long remaining = remaining(limits, usage, i);
      headers.set(limits.period(i).limitHeader(), limits.text(i));
      headers.set(limits.period(i).remainingHeader(), DecimalText.of(remaining));
      if (best < 0 || remaining < bestRemaining
          || (remaining == bestRemaining && limits.period(i).compareTo(limits.period(best)) > 0)) {
        best = i;
        bestRemaining = remaining;
      }
    }
    Period period = limits.period(best);
    long elapsed = (nowMillis - period.windowStart(nowMillis)) / 1000;
    long reset = Math.max(1, period.nominalSeconds() - elapsed);
    headers.set("RateLimit-Limit", limits.text(best));
    headers.set("RateLimit-Remaining", DecimalText.of(bestRemaining));
    String resetText = DecimalText.of(reset);
    headers.set("RateLimit-Reset", resetText);
    if (!usage.isAllowed()) {
      headers.set("Retry-After", resetText);
    }
    return reset;
  }

  /**
   * Requests left after this one: limit minus the count, which includes this request when it passed; the window
   * that refused a request shows 0. Fractional limits round down, as no fraction of a request can pass.
   */
  static long remaining(WindowLimits limits, Usage usage, int i) {
    long limit = limits.whole(i);
    if (usage.exceeded() == i) {
      return 0;
    }
    return Math.max(0, limit - usage.count(i));
  }

  /** A limit as Kong prints a number: integral values without a fraction. */
  static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }
}
