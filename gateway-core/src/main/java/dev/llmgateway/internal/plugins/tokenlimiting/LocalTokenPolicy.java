package dev.llmgateway.internal.plugins.tokenlimiting;

import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.StateKey;
import dev.llmgateway.internal.plugins.ratelimiting.Period;
import dev.llmgateway.internal.plugins.ratelimiting.Usage;
import dev.llmgateway.internal.plugins.ratelimiting.WindowLimits;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code local} token policy: per identifier, one small lock guards the check and the add across windows (no
 * I/O under it). The counters live in {@link dev.llmgateway.plugin.RuntimeState}, so config changes keep them.
 */
final class LocalTokenPolicy implements TokenPolicy {
  static final StateKey<Counters> COUNTERS = StateKey.of("ai-token-limiting/counters", Counters.class);

  private final Counters counters;
  private final ConcurrentMap<String, Buckets> byIdentifier;

  LocalTokenPolicy(Counters counters) {
    this.counters = counters;
    this.byIdentifier = counters.byIdentifier;
  }

  static TokenPolicy create(TokenLimitingConfig config, PluginSetup<TokenLimitingConfig> setup) {
    return new LocalTokenPolicy(setup.state(COUNTERS, Counters::new));
  }

  /** One plugin's buckets by identifier: the state kept under the plugin's id across config changes. */
  static final class Counters {
    /** How often, at most, buckets whose every window has passed are dropped. */
    static final long SWEEP_INTERVAL_MILLIS = 1000;

    final ConcurrentMap<String, Buckets> byIdentifier = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong();

    /**
     * Drops the buckets of identifiers seen in no current window, so that identifiers a client chooses (an IP, a
     * header value) cannot grow the map without bound; at most once per interval, by whichever caller gets there.
     */
    void sweep(long nowMillis) {
      long last = lastSweep.get();
      if (nowMillis - last < SWEEP_INTERVAL_MILLIS || !lastSweep.compareAndSet(last, nowMillis)) {
        return;
      }
      byIdentifier.entrySet().removeIf(e -> e.getValue().retireIfIdle(nowMillis));
    }
  }

  /** One identifier's windows: the start and the tokens used of each period's current window. */
  static final class Buckets {
    final long[] start = new long[Period.all().length];
    final long[] used = new long[Period.all().length];
    private boolean retired; // guarded by this: a retired bucket is out of the map and takes no more tokens

    /** Retires the bucket when none of its windows is current; true when it did. */
    synchronized boolean retireIfIdle(long nowMillis) {
      Period[] periods = Period.all();
      for (int p = 0; p < periods.length; p++) {
        if (start[p] != 0 && start[p] == periods[p].windowStart(nowMillis)) {
          return false;
        }
      }
      retired = true;
      return true;
    }
  }

  @Override
  public Usage reserve(String identifier, WindowLimits limits, long tokens, long nowMillis) {
    counters.sweep(nowMillis);
    while (true) {
      Buckets b = byIdentifier.computeIfAbsent(identifier, k -> new Buckets());
      synchronized (b) {
        if (b.retired) {
          byIdentifier.remove(identifier, b); // swept meanwhile: take a fresh bucket
          continue;
        }
        return reserve(b, limits, tokens, nowMillis);
      }
    }
  }

  /** The check and the add across windows, under the bucket's lock. */
  private static Usage reserve(Buckets b, WindowLimits limits, long tokens, long nowMillis) {
    long[] counts = new long[limits.size()];
    for (int i = 0; i < limits.size(); i++) {
      int p = limits.period(i).ordinal();
      long start = limits.period(i).windowStart(nowMillis);
      if (b.start[p] != start) {
        b.start[p] = start;
        b.used[p] = 0;
      }
      counts[i] = b.used[p];
      if (b.used[p] >= limits.limit(i)) {
        return Usage.rejected(counts, i);
      }
    }
    for (int i = 0; i < limits.size(); i++) {
      int p = limits.period(i).ordinal();
      b.used[p] = add(b.used[p], tokens);
      counts[i] = b.used[p];
    }
    return Usage.allowed(counts);
  }

  /** How many identifiers hold buckets. */
  int size() {
    return byIdentifier.size();
  }

  @Override
  public void settle(String identifier, WindowLimits limits, long reservedAtMillis, long delta) {
    Buckets b = byIdentifier.get(identifier);
    if (b == null || delta == 0) {
      return;
    }
    synchronized (b) {
      for (int i = 0; i < limits.size(); i++) {
        int p = limits.period(i).ordinal();
        if (b.start[p] == limits.period(i).windowStart(reservedAtMillis)) {
          b.used[p] = add(b.used[p], delta);
        }
      }
    }
  }

  /** {@code a + d}, clamped to [0, Long.MAX_VALUE]. */
  static long add(long a, long d) {
    long r = a + d;
    if (d > 0 && r < a) {
      return Long.MAX_VALUE;
    }
    return Math.max(0, r);
  }
}
