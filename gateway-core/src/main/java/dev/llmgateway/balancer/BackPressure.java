package dev.llmgateway.balancer;

import java.util.Set;

/**
 * What an engine's "too busy" answer does: with {@code retry} on, a response with one of {@code statuses} that
 * reached no client byte yet is retried on another target when the request can be sent again (no body, or a body
 * held whole) and the service's retries allow; a {@code Retry-After} benches the target that long, at most
 * {@code maxBenchSeconds}. A 429 never counts against the target's health: it is busy, not broken.
 */
public record BackPressure(boolean retry, Set<Integer> statuses, long maxBenchSeconds) {
  /** Retry 429 and 503 elsewhere; bench for at most five minutes. */
  public static final BackPressure DEFAULT = new BackPressure(true, Set.of(429, 503), 300);

  /** Refuses statuses outside 400–599 (a success is never "busy") and a negative or over-a-day bench limit. */
  public BackPressure {
    statuses = Set.copyOf(statuses);
    for (int status : statuses) {
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("'" + status + "' is not a busy status (400 to 599)");
      }
    }
    if (maxBenchSeconds < 0 || maxBenchSeconds > 86_400) {
      throw new IllegalArgumentException("the longest bench must be 0 to 86400 seconds, not " + maxBenchSeconds);
    }
  }
}
