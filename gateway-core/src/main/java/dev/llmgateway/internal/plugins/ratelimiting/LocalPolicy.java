package dev.llmgateway.internal.plugins.ratelimiting;

import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.StateKey;

/**
 * The {@code local} policy: counters in this node's memory, exact under concurrency without a lock (each
 * window's check and increment is one compare-and-set, see {@link WindowCounters}), never blocking on I/O. Kong's {@code cluster} policy maps here too: a
 * single node's shared store is its memory.
 */
final class LocalPolicy implements RateLimitPolicy {
  /**
   * Every plugin's counters, kept by the gateway under the plugin's id: config changes keep them, and they go
   * once the plugin is deleted.
   */
  static final StateKey<LocalCounters> COUNTERS = StateKey.of("rate-limiting/counters", LocalCounters.class);

  private final LocalCounters counters;

  LocalPolicy(LocalCounters counters) {
    this.counters = counters;
  }

  static RateLimitPolicy create(RateLimitingConfig config, PluginSetup<RateLimitingConfig> setup) {
    return new LocalPolicy(setup.state(COUNTERS, LocalCounters::new));
  }

  @Override
  public Usage acquire(String identifier, WindowLimits limits, long nowMillis) {
    return counters.acquire(identifier, limits, nowMillis);
  }
}
