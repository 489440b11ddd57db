package dev.llmgateway.internal.balancer;

import java.util.ArrayList;
import java.util.List;

/**
 * One upstream's health as the Admin API shows it: each live target's state in Kong's words
 * ({@code HEALTHY}, {@code UNHEALTHY}, {@code HEALTHCHECKS_OFF}) and the upstream's own, by Kong's threshold.
 */
public final class UpstreamHealth {
  private final Pool pool;

  UpstreamHealth(Pool pool) {
    this.pool = pool;
  }

  /** One target's health. */
  public record TargetHealth(String target, int weight, String health, int inFlight) {}

  public List<TargetHealth> targets() {
    List<TargetHealth> out = new ArrayList<>(pool.peers.length);
    boolean off = pool.policy.off();
    for (int i = 0; i < pool.peers.length; i++) {
      Peer p = pool.peers[i];
      String health = !p.healthy() ? "UNHEALTHY" : off ? "HEALTHCHECKS_OFF" : "HEALTHY";
      out.add(new TargetHealth(p.address, pool.weights[i], health, p.inFlight()));
    }
    return out;
  }

  /** The health of the target at {@code address}, or null when it takes no traffic (weight 0 or unknown). */
  public String healthOf(String address) {
    for (TargetHealth t : targets()) {
      if (t.target().equals(address)) {
        return t.health();
      }
    }
    return null;
  }

  /** {@code HEALTHY} while the healthy weight meets the threshold, else {@code UNHEALTHY}; Kong's balancer view. */
  public String balancerHealth() {
    return pool.healthy() && (pool.peers.length == 0 || pool.healthyWeight() > 0 || pool.policy.threshold() > 0)
        ? "HEALTHY" : "UNHEALTHY";
  }

  public long totalWeight() {
    return pool.totalWeight();
  }

  public long healthyWeight() {
    return pool.healthyWeight();
  }
}
