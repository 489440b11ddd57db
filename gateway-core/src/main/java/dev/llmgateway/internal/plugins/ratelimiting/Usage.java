package dev.llmgateway.internal.plugins.ratelimiting;

/**
 * What a {@link RateLimitPolicy} answered for one request: the count in each window of the {@link WindowLimits}
 * (including this request when it was allowed) and the window that rejected it, if any.
 */
public final class Usage {
  private final long[] counts;
  private final int exceeded;

  private Usage(long[] counts, int exceeded) {
    this.counts = counts;
    this.exceeded = exceeded;
  }

  /** The request was counted; {@code counts} include it. */
  public static Usage allowed(long[] counts) {
    return new Usage(counts.clone(), -1);
  }

  /** A usage over {@code counts} as they are (no copy: the caller hands them over); {@code exceeded} or -1. */
  static Usage of(long[] counts, int exceeded) {
    return new Usage(counts, exceeded);
  }

  /** The request was refused by window {@code index} and counted nowhere; {@code counts} are the current ones. */
  public static Usage rejected(long[] counts, int index) {
    return new Usage(counts.clone(), index);
  }

  public boolean isAllowed() {
    return exceeded < 0;
  }

  /** The index of the window that refused the request, or -1. */
  public int exceeded() {
    return exceeded;
  }

  /** The count in window {@code i}. */
  public long count(int i) {
    return counts[i];
  }
}
