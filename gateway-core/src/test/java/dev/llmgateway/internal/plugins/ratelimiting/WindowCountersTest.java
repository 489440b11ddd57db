package dev.llmgateway.internal.plugins.ratelimiting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WindowCountersTest {
  private static final long T0 = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();

  private static WindowLimits limits(Object... periodAndLimit) {
    Map<Period, Double> m = new EnumMap<>(Period.class);
    for (int i = 0; i < periodAndLimit.length; i += 2) {
      m.put((Period) periodAndLimit[i], ((Number) periodAndLimit[i + 1]).doubleValue());
    }
    return WindowLimits.of(m);
  }

  /** Runs {@code threads} threads that each try {@code perThread} requests; returns how many passed. */
  private static int hammer(int threads, int perThread, Runnable meanwhile, java.util.function.BooleanSupplier one)
      throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger passed = new AtomicInteger();
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread th = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < perThread; i++) {
          if (one.getAsBoolean()) {
            passed.incrementAndGet();
          }
        }
      });
      th.start();
      all.add(th);
    }
    AtomicBoolean stop = new AtomicBoolean();
    Thread side = new Thread(() -> {
      while (!stop.get()) {
        meanwhile.run();
      }
    });
    side.start();
    start.countDown();
    for (Thread th : all) {
      th.join(TimeUnit.SECONDS.toMillis(20));
    }
    stop.set(true);
    side.join(TimeUnit.SECONDS.toMillis(20));
    return passed.get();
  }

  @Test
  void severalWindowsPassExactlyTheShortestLimitUnderConcurrency() throws Exception {
    LocalCounters counters = new LocalCounters();
    WindowLimits l = limits(Period.SECOND, 50, Period.MINUTE, 1000, Period.HOUR, 5000);
    int passed = hammer(8, 100, () -> {}, () -> counters.acquire("a", l, T0).isAllowed());
    assertThat(passed).isEqualTo(50);
    Usage after = counters.acquire("a", l, T0);
    assertThat(after.isAllowed()).isFalse();
    assertThat(after.exceeded()).isZero();
    // refused requests were taken back out of every window: the minute and the hour hold the 50 that passed
    assertThat(after.count(0)).isEqualTo(50);
    assertThat(after.count(1)).isEqualTo(50);
    assertThat(after.count(2)).isEqualTo(50);
  }

  @Test
  void aLongerFullWindowRefusesAndNothingIsCounted() throws Exception {
    LocalCounters counters = new LocalCounters();
    WindowLimits l = limits(Period.SECOND, 1000, Period.MINUTE, 30);
    int passed = hammer(8, 50, () -> {}, () -> counters.acquire("a", l, T0).isAllowed());
    assertThat(passed).isEqualTo(30);
    Usage after = counters.acquire("a", l, T0 + 1000);
    assertThat(after.exceeded()).isEqualTo(1);
    assertThat(after.count(0)).isZero(); // a new second, and the refused request is not in it
    assertThat(after.count(1)).isEqualTo(30);
  }

  @Test
  void sweepingWhileANewWindowFillsLosesNoCount() throws Exception {
    for (int round = 0; round < 20; round++) {
      LocalCounters counters = new LocalCounters();
      WindowLimits l = limits(Period.MINUTE, 100);
      long next = T0 + 60_000;
      counters.acquire("a", l, T0); // an entry whose only window ends before the requests below
      AtomicInteger sweeps = new AtomicInteger();
      int passed = hammer(6, 50, () -> counters.sweep(next + 1000L * (sweeps.incrementAndGet() % 59)),
          () -> counters.acquire("a", l, next).isAllowed());
      assertThat(passed).as("round %d", round).isEqualTo(100);
      assertThat(counters.acquire("a", l, next).isAllowed()).isFalse();
    }
  }

  @Test
  void anEntryWhoseWindowsEndedIsSweptAndStartsAfresh() {
    LocalCounters counters = new LocalCounters();
    WindowLimits l = limits(Period.SECOND, 1, Period.MINUTE, 5);
    assertThat(counters.acquire("a", l, T0).isAllowed()).isTrue();
    counters.sweep(T0 + 30_000);
    assertThat(counters.size()).isOne(); // the minute is still running
    counters.sweep(T0 + 60_000);
    assertThat(counters.size()).isZero();
    Usage fresh = counters.acquire("a", l, T0 + 60_000);
    assertThat(fresh.count(1)).isOne();
  }

  @Test
  void packedSlotsKeepIndexAndCountApartForEveryPeriod() {
    long now = Instant.parse("2099-12-31T23:59:59.999Z").toEpochMilli();
    for (Period p : Period.values()) {
      long index = p.windowIndex(now);
      long slot = p.pack(index, p.maxCount());
      assertThat(slot).as(p.name()).isPositive();
      assertThat(p.indexOf(slot)).as(p.name()).isEqualTo(index);
      assertThat(p.countOf(slot)).as(p.name()).isEqualTo(p.maxCount());
      assertThat(p.maxCount()).as(p.name()).isGreaterThan(2_000_000_000L);
      assertThat(p.windowIndex(p.windowStart(now))).as(p.name()).isEqualTo(index);
      assertThat(p.windowIndex(p.windowEnd(p.windowStart(now)))).as(p.name()).isGreaterThan(index);
    }
  }
}
