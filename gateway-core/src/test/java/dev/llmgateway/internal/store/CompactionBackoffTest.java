package dev.llmgateway.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CompactionBackoffTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final CompactionBackoff backoff = new CompactionBackoff(now::get);

  @Test
  void eachFailureDoublesTheWaitUpToAMinuteAndASuccessClearsIt() {
    assertThat(backoff.allowsAttempt()).isTrue();
    long expected = CompactionBackoff.FIRST_DELAY_NANOS;
    for (int failure = 1; failure <= 10; failure++) {
      backoff.failed();
      assertThat(backoff.delayNanos()).as("failure %d", failure).isEqualTo(expected);
      now.addAndGet(expected - 1);
      assertThat(backoff.allowsAttempt()).as("just before the wait ends, failure %d", failure).isFalse();
      now.incrementAndGet();
      assertThat(backoff.allowsAttempt()).as("when the wait ends, failure %d", failure).isTrue();
      expected = Math.min(2 * expected, CompactionBackoff.MAX_DELAY_NANOS);
    }
    assertThat(backoff.delayNanos()).isEqualTo(CompactionBackoff.MAX_DELAY_NANOS);
    backoff.succeeded();
    assertThat(backoff.delayNanos()).isZero();
    backoff.failed();
    assertThat(backoff.delayNanos()).isEqualTo(CompactionBackoff.FIRST_DELAY_NANOS);
  }

  @Test
  void theWaitIsMeasuredAcrossTheSignChangeOfNanoTime() {
    now.set(Long.MAX_VALUE - 10);
    backoff.failed();
    now.set(Long.MIN_VALUE + CompactionBackoff.FIRST_DELAY_NANOS);
    assertThat(backoff.allowsAttempt()).isTrue();
  }
}
