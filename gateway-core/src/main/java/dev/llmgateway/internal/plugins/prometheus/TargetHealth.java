package dev.llmgateway.internal.plugins.prometheus;

import java.util.Objects;

/**
 * One target address of an upstream and its health, one row of Kong's {@code kong_upstream_target_health}:
 * {@code address} is {@code ip:port} (empty after a DNS failure).
 */
public record TargetHealth(String upstream, String target, String address, State state) {
  /** Kong's four states; the gauge is 1 for the current one and 0 for the others. */
  public enum State {
    HEALTHCHECKS_OFF("healthchecks_off"), HEALTHY("healthy"), UNHEALTHY("unhealthy"), DNS_ERROR("dns_error");

    final String label;

    State(String label) {
      this.label = label;
    }
  }

  public TargetHealth {
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(state, "state");
  }
}
