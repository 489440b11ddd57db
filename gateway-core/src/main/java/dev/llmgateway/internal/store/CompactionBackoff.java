package dev.llmgateway.internal.store;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * When {@link FileConfigStore} may try again to compact its log after an attempt failed. A failing attempt can
 * cost a whole snapshot's worth of writing before the disk says no; on a disk with room for log lines but not for
 * a snapshot, every write past the threshold would pay that. So after a failure the next attempt waits a second,
 * twice as long after each further failure, at most a minute; one success clears the wait.
 */
final class CompactionBackoff {
  static final long FIRST_DELAY_NANOS = TimeUnit.SECONDS.toNanos(1);
  static final long MAX_DELAY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final LongSupplier nanoTime;
  /** Zero while the last attempt succeeded (or none was made). */
  private long delayNanos;
  private long failedAt;

  CompactionBackoff(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  boolean allowsAttempt() {
    return delayNanos == 0 || nanoTime.getAsLong() - failedAt >= delayNanos;
  }

  void failed() {
    delayNanos = delayNanos == 0 ? FIRST_DELAY_NANOS : Math.min(2 * delayNanos, MAX_DELAY_NANOS);
    failedAt = nanoTime.getAsLong();
  }

  void succeeded() {
    delayNanos = 0;
  }

  /** How long the next attempt waits after the last failure; zero when it need not wait. */
  long delayNanos() {
    return delayNanos;
  }
}
