package dev.llmgateway.plugins.ratelimiting;

/**
 * The counts of one identifier, one slot per {@link Period}: the start of the slot's current window and the
 * requests counted in it. A request landing in a later window resets the slot, so past windows vanish.
 * All access is under this object's lock, which makes the check and the increment one atomic step.
 */
final class WindowCounters {
  private final long[] windowStart = new long[Period.values().length];
  private final long[] windowEnd = new long[Period.values().length];
  private final long[] count = new long[Period.values().length];
  /** Set when the entry was evicted; a caller holding it must fetch a fresh one. */
  private boolean retired;

  /**
   * Counts one request in every window of {@code limits} unless one is full; null when this entry was retired.
   * {@code starts[i]} is the start of window {@code i} at {@code nowMillis}.
   */
  synchronized Usage acquire(WindowLimits limits, long[] starts) {
    if (retired) {
      return null;
    }
    int n = limits.size();
    long[] counts = new long[n];
    int exceeded = -1;
    for (int i = 0; i < n; i++) {
      Period p = limits.period(i);
      int slot = p.ordinal();
      if (windowStart[slot] != starts[i] || windowEnd[slot] == 0) {
        windowStart[slot] = starts[i];
        windowEnd[slot] = p.windowEnd(starts[i]);
        count[slot] = 0;
      }
      counts[i] = count[slot];
      if (exceeded < 0 && count[slot] + 1 > limits.limit(i)) {
        exceeded = i;
      }
    }
    if (exceeded >= 0) {
      return Usage.rejected(counts, exceeded);
    }
    for (int i = 0; i < n; i++) {
      counts[i] = ++count[limits.period(i).ordinal()];
    }
    return Usage.allowed(counts);
  }

  /** Retires this entry when every window it counted has ended by {@code nowMillis}; true when retired. */
  synchronized boolean retireIfIdle(long nowMillis) {
    for (long end : windowEnd) {
      if (end > nowMillis) {
        return false;
      }
    }
    retired = true;
    return true;
  }
}
