package dev.llmgateway.internal.balancer;

/**
 * One try of one request at one target, as the proxy reports it: each call feeds the target's health, load and
 * latency. A plain service (no upstream entity) gets {@link #NONE}, which records nothing. Called on the request's
 * IO thread; never blocks.
 */
public interface Attempt {
  /** For destinations that are not balanced. */
  Attempt NONE = new Attempt() {};

  /** The connection could not be opened ({@code timeout}: not within the connect timeout). */
  default void connectFailed(boolean timeout) {}

  /** The target closed or reset the connection before any response byte. */
  default void reset() {}

  /** No response within the read timeout. */
  default void timedOut() {}

  /**
   * The response head arrived and no byte of it reached the client yet. Counts the status for the health checks
   * and benches the target for {@code retryAfter} when it is a back-pressure answer; true when the request should
   * rather go to another target ({@code replayable}: the request can be sent again).
   */
  default boolean responded(int status, String retryAfter, boolean replayable) {
    return false;
  }

  /** The exchange with this target is over (response relayed, failed or abandoned); once is enough. */
  default void ended() {}
}
