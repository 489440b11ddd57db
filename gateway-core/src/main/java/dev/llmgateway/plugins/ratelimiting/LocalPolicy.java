package dev.llmgateway.plugins.ratelimiting;

import dev.llmgateway.plugin.PluginSetup;

/**
 * The {@code local} policy: counters in this node's memory, exact under concurrency (each identifier's check
 * and increment happen under one lock, never blocking on I/O). Kong's {@code cluster} policy maps here too: a
 * single node's shared store is its memory.
 */
final class LocalPolicy implements RateLimitPolicy {
  /** The {@link dev.llmgateway.plugin.RuntimeState} key prefix of every plugin's counters. */
  static final String STATE_PREFIX = "rate-limiting/";

  private final LocalCounters counters;

  LocalPolicy(LocalCounters counters) {
    this.counters = counters;
  }

  static RateLimitPolicy create(RateLimitingConfig config, PluginSetup setup) {
    String key = STATE_PREFIX + setup.binding().id();
    return new LocalPolicy(setup.state().get(key, LocalCounters::new));
  }

  @Override
  public Usage acquire(String identifier, WindowLimits limits, long nowMillis) {
    return counters.acquire(identifier, limits, nowMillis);
  }
}
