package dev.llmgateway.internal.balancer;

import dev.llmgateway.balancer.BackPressure;

import dev.llmgateway.entity.Target;
import dev.llmgateway.entity.Upstream;
import java.util.List;

/**
 * One upstream as one config snapshot defines it: its targets that take traffic (weight above 0) bound to this
 * node's {@link Peer}s, its health policy and its algorithm. Immutable; the changing state is in the peers.
 */
final class Pool {
  final Upstream upstream;
  final HealthPolicy policy;
  final Peer[] peers;
  final int[] weights;
  final UpstreamState state;
  final BackPressure backPressure;
  final Algorithm algorithm;
  private final long totalWeight;

  Pool(Upstream upstream, List<Target> targets, UpstreamState state, BackPressure backPressure) {
    this.upstream = upstream;
    dev.llmgateway.schema.Row hc = upstream.row().get("healthchecks") instanceof dev.llmgateway.schema.Row r ? r : null;
    this.policy = hc == null ? HealthPolicy.OFF : HealthPolicy.of(hc.toPlainMap());
    this.state = state;
    this.backPressure = backPressure;
    List<Target> live = targets.stream().filter(t -> t.weight() > 0).toList();
    this.peers = new Peer[live.size()];
    this.weights = new int[live.size()];
    long total = 0;
    for (int i = 0; i < peers.length; i++) {
      Target t = live.get(i);
      peers[i] = state.peer(upstream.name(), t.host(), t.port());
      weights[i] = t.weight();
      total += t.weight();
    }
    this.totalWeight = total;
    this.algorithm = Algorithm.of(upstream.algorithm(), this);
  }

  int upstreamSlots() {
    return upstream.row().integer("slots", 10_000);
  }

  /** Whether target {@code i} may take this try. */
  boolean usable(int i, Tries tries, boolean allowTried, long now) {
    Peer p = peers[i];
    return p.healthy() && !p.isBenched(now) && (allowTried || !tries.tried(p));
  }

  /**
   * Kong's {@code threshold}: the upstream as a whole is healthy while the healthy targets carry at least that
   * percentage of the weight; below it no target is chosen.
   */
  boolean healthy() {
    if (policy.threshold() <= 0) {
      return true;
    }
    return healthyWeight() * 100.0 >= policy.threshold() * totalWeight;
  }

  long healthyWeight() {
    long healthy = 0;
    for (int i = 0; i < peers.length; i++) {
      if (peers[i].healthy()) {
        healthy += weights[i];
      }
    }
    return healthy;
  }

  long totalWeight() {
    return totalWeight;
  }
}
