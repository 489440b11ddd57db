package dev.llmgateway.proxy;

import dev.llmgateway.config.UpstreamTargets;
import dev.llmgateway.entity.Target;
import java.util.List;

/**
 * The targets of one upstream laid out for weighted round-robin: turn {@code n} of a shared counter picks the
 * target whose cumulative weight range holds {@code n mod total}, so over every {@code total} turns each target is
 * picked exactly {@code weight} times. Built once per config snapshot; the counter lives outside it so that
 * balancing survives config changes.
 */
public final class WeightedTargets {
  private final Target[] targets;
  private final long[] cumulative;
  private final long total;

  private WeightedTargets(List<Target> targets) {
    this.targets = targets.toArray(new Target[0]);
    this.cumulative = new long[this.targets.length];
    long sum = 0;
    for (int i = 0; i < this.targets.length; i++) {
      sum += this.targets[i].weight();
      cumulative[i] = sum;
    }
    this.total = sum;
  }

  /** The layout of an upstream's targets that take traffic. */
  public static WeightedTargets of(UpstreamTargets upstream) {
    return new WeightedTargets(upstream.targets());
  }

  /** True when no target takes traffic (Kong answers 503). */
  public boolean isEmpty() {
    return total == 0;
  }

  /** The number of targets. */
  public int size() {
    return targets.length;
  }

  /** The target for turn {@code turn} of the round-robin counter; null when empty. */
  public Target pick(long turn) {
    if (total == 0) {
      return null;
    }
    long slot = Math.floorMod(turn, total);
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > slot) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return targets[lo];
  }
}
