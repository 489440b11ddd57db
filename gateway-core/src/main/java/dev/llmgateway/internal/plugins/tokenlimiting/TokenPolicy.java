package dev.llmgateway.internal.plugins.tokenlimiting;

import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.internal.plugins.ratelimiting.Usage;
import dev.llmgateway.internal.plugins.ratelimiting.WindowLimits;

/**
 * Where token budgets are counted: this node's memory ({@code local}) or a store every node shares ({@code redis},
 * in the gateway-cluster module); the same shape as rate-limiting's policy, with a weight and a settlement. Counts
 * never go negative and never overflow. A store that cannot answer throws
 * {@link dev.llmgateway.internal.plugins.ratelimiting.RateLimitPolicy.CounterStoreException}; the plugin's
 * {@code fault_tolerant} decides.
 */
public interface TokenPolicy {
  /**
   * Reserves {@code tokens} for {@code identifier} in every window of {@code limits}, all or nothing: refused
   * (nothing counted) when any window is already spent ({@code used >= limit}), so an admitted request overshoots
   * by at most its own reservation.
   */
  Usage reserve(String identifier, WindowLimits limits, long tokens, long nowMillis);

  /**
   * Adds {@code delta} (negative: gives tokens back) to the windows of a reservation made at
   * {@code reservedAtMillis}; windows that have rolled over since are left alone.
   */
  void settle(String identifier, WindowLimits limits, long reservedAtMillis, long delta);

  /** True when the policy does network I/O; access then runs on a worker thread. */
  default boolean blocking() {
    return false;
  }

  /** Makes the policy of one configured plugin; called once per config snapshot. */
  @FunctionalInterface
  interface Factory {
    TokenPolicy create(TokenLimitingConfig config, PluginSetup<TokenLimitingConfig> setup);
  }
}
