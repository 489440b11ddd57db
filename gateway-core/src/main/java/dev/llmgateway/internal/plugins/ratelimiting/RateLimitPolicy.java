package dev.llmgateway.internal.plugins.ratelimiting;

import dev.llmgateway.plugin.PluginSetup;

/**
 * Where rate-limiting keeps its counters: this node's memory ({@code local}) or, later, a store a cluster
 * shares ({@code redis}). {@link #acquire} counts one request in every window, all or nothing: when any window
 * is full nothing is counted, so rejected requests never use up a limit.
 */
public interface RateLimitPolicy {
  /**
   * Counts one request of {@code identifier} at {@code nowMillis} in the fixed UTC windows of {@code limits}.
   *
   * @throws CounterStoreException when the store cannot answer (the plugin's {@code fault_tolerant} decides)
   */
  Usage acquire(String identifier, WindowLimits limits, long nowMillis);

  /** True when {@link #acquire} does network I/O; the plugin's access phase then runs on a worker thread. */
  default boolean blocking() {
    return false;
  }

  /** Makes the policy of one configured plugin; called once per config snapshot. */
  @FunctionalInterface
  interface Factory {
    RateLimitPolicy create(RateLimitingConfig config, PluginSetup<RateLimitingConfig> setup);
  }

  /** The counter store failed; the message is logged, never sent to clients. */
  final class CounterStoreException extends RuntimeException {
    public CounterStoreException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
