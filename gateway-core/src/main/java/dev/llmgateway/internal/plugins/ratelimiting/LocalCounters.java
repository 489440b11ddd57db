package dev.llmgateway.internal.plugins.ratelimiting;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counters of one rate-limiting plugin on this node, by identifier. They live in
 * {@link dev.llmgateway.plugin.RuntimeState} under the plugin's id, so config changes keep them; identifiers
 * whose windows have all ended are swept out at most once a second, when a new identifier shows up. A known
 * identifier costs one hash lookup and one compare-and-set per window.
 */
final class LocalCounters {
  private static final long SWEEP_INTERVAL_MILLIS = 1000;

  private final Map<String, WindowCounters> byIdentifier = new ConcurrentHashMap<>();
  private final AtomicLong lastSweep = new AtomicLong();

  Usage acquire(String identifier, WindowLimits limits, long nowMillis) {
    while (true) {
      WindowCounters counters = byIdentifier.get(identifier);
      if (counters == null) {
        sweep(nowMillis);
        counters = byIdentifier.computeIfAbsent(identifier, k -> new WindowCounters());
      }
      Usage usage = counters.acquire(limits, nowMillis);
      if (usage != null) {
        return usage;
      }
      byIdentifier.remove(identifier, counters);
    }
  }

  /** How many identifiers hold counters (for tests and metrics). */
  int size() {
    return byIdentifier.size();
  }

  void sweep(long nowMillis) {
    long last = lastSweep.get();
    if (nowMillis - last < SWEEP_INTERVAL_MILLIS || !lastSweep.compareAndSet(last, nowMillis)) {
      return;
    }
    byIdentifier.entrySet().removeIf(e -> e.getValue().retireIfIdle(nowMillis));
  }
}
