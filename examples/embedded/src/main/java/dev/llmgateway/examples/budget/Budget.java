package dev.llmgateway.examples.budget;

/** One plugin's use of its budget in the current window; kept in the gateway's run-time state. */
final class Budget {
  private long windowStart = Long.MIN_VALUE;
  private int used;

  /** Counts one request if the window has room; the requests left after it, or -1 when the budget is spent. */
  synchronized int take(long windowStart, int limit) {
    if (windowStart != this.windowStart) {
      this.windowStart = windowStart;
      used = 0;
    }
    if (used >= limit) {
      return -1;
    }
    used++;
    return limit - used;
  }

  synchronized int used() {
    return used;
  }
}
