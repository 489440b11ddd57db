package dev.llmgateway.plugins.tokenlimiting;

import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.StateKey;
import dev.llmgateway.plugins.ratelimiting.Period;
import dev.llmgateway.plugins.ratelimiting.Usage;
import dev.llmgateway.plugins.ratelimiting.WindowLimits;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@code local} token policy: per identifier, one small lock guards the check and the add across windows (no
 * I/O under it). The counters live in {@link dev.llmgateway.plugin.RuntimeState}, so config changes keep them.
 */
final class LocalTokenPolicy implements TokenPolicy {
  static final StateKey<Counters> COUNTERS = StateKey.of("ai-token-limiting/counters", Counters.class);

  private final ConcurrentMap<String, Buckets> byIdentifier;

  LocalTokenPolicy(Counters counters) {
    this.byIdentifier = counters.byIdentifier;
  }

  static TokenPolicy create(TokenLimitingConfig config, PluginSetup<TokenLimitingConfig> setup) {
    return new LocalTokenPolicy(setup.state(COUNTERS, Counters::new));
  }

  /** One plugin's buckets by identifier: the state kept under the plugin's id across config changes. */
  static final class Counters {
    final ConcurrentMap<String, Buckets> byIdentifier = new ConcurrentHashMap<>();
  }

  /** One identifier's windows: the start and the tokens used of each period's current window. */
  static final class Buckets {
    final long[] start = new long[Period.all().length];
    final long[] used = new long[Period.all().length];
  }

  @Override
  public Usage reserve(String identifier, WindowLimits limits, long tokens, long nowMillis) {
    Buckets b = byIdentifier.computeIfAbsent(identifier, k -> new Buckets());
    long[] counts = new long[limits.size()];
    synchronized (b) {
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
    }
    return Usage.allowed(counts);
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
