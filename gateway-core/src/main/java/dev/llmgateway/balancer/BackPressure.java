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

  public BackPressure {
    statuses = Set.copyOf(statuses);
  }
}
