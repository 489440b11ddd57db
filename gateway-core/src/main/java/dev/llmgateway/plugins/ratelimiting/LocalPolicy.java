package dev.llmgateway.plugins.ratelimiting;

import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.schema.Row;
import java.util.HashSet;
import java.util.Set;

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
    dropCountersOfRemovedPlugins(setup);
    String key = STATE_PREFIX + setup.binding().id();
    return new LocalPolicy(setup.state().get(key, LocalCounters::new));
  }

  /**
   * Once per snapshot, forgets the counters of rate-limiting plugins the configuration no longer has (their ids
   * never come back), so deleted plugins do not keep memory.
   */
  private static void dropCountersOfRemovedPlugins(PluginSetup setup) {
    setup.view().derived(LocalPolicy.class, cfg -> {
      Set<String> live = new HashSet<>();
      for (Row row : cfg.rows(cfg.types().plugins())) {
        if ("rate-limiting".equals(row.string("name"))) {
          live.add(STATE_PREFIX + row.uuid("id"));
        }
      }
      setup.state().retainOnly(live, STATE_PREFIX);
      return Boolean.TRUE;
    });
  }

  @Override
  public Usage acquire(String identifier, WindowLimits limits, long nowMillis) {
    return counters.acquire(identifier, limits, nowMillis);
  }
}
