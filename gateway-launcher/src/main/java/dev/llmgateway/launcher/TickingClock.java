package dev.llmgateway.launcher;

import io.micrometer.core.instrument.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The metrics registry's clock: wall time read from a field a daemon thread refreshes every {@link #TICK_MILLIS},
 * monotonic time from {@link System#nanoTime()}. Micrometer reads the wall clock twice per histogram record, only
 * to decide whether a time window (of minutes) has to rotate; with every prometheus metric on that is ten clock
 * reads per request, measured as more than half of the plugin's own cost in {@code PrometheusLogLoop}. Durations
 * (timer samples) still come from the monotonic clock, exactly.
 */
final class TickingClock implements Clock, AutoCloseable {
  static final long TICK_MILLIS = 100;

  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "metrics-clock");
    t.setDaemon(true);
    return t;
  });
  private volatile long wallMillis = System.currentTimeMillis();

  TickingClock() {
    ticker.scheduleAtFixedRate(() -> wallMillis = System.currentTimeMillis(), TICK_MILLIS, TICK_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public long wallTime() {
    return wallMillis;
  }

  @Override
  public long monotonicTime() {
    return System.nanoTime();
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
