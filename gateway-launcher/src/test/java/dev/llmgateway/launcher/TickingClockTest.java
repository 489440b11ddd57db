package dev.llmgateway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TickingClockTest {
  @Test
  void wallTimeFollowsTheSystemClockWithinATickAndMonotonicTimeIsExact() throws InterruptedException {
    try (TickingClock clock = new TickingClock()) {
      long before = System.currentTimeMillis();
      long wall = clock.wallTime();
      assertThat(wall).isBetween(before - 5 * TickingClock.TICK_MILLIS, System.currentTimeMillis());
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (clock.wallTime() == wall && System.nanoTime() < deadline) {
        Thread.sleep(10); // polling for the next tick, bounded
      }
      assertThat(clock.wallTime()).as("the ticker advanced the wall time").isGreaterThan(wall);
      long a = clock.monotonicTime();
      long b = clock.monotonicTime();
      long direct = System.nanoTime();
      assertThat(b).isGreaterThanOrEqualTo(a);
      assertThat(direct - b).isBetween(0L, 1_000_000_000L);
    }
  }
}
