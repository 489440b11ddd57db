package dev.llmgateway.proxy;

import dev.llmgateway.config.UpstreamTargets;
import dev.llmgateway.entity.Target;
import java.math.BigInteger;
import java.util.List;

/**
 * The targets of one upstream laid out for weighted round-robin: a wheel holding each target in proportion to its
 * weight, interleaved the way nginx's smooth weighted round-robin interleaves them (weights 3:1 give A A B A, not
 * 300 A then 100 B). Turn {@code n} of a shared counter picks slot {@code n mod size}. Built once per config
 * snapshot; the counter lives outside it so balancing survives config changes.
 */
public final class WeightedTargets {
  /** Wheels are scaled down beyond this many slots; proportions stay within one slot per target. */
  static final int MAX_SLOTS = 10_000;

  private final Target[] wheel;

  private WeightedTargets(List<Target> targets) {
    int[] weights = scaled(targets);
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    this.wheel = new Target[total];
    int[] current = new int[weights.length];
    for (int slot = 0; slot < total; slot++) {
      int best = -1;
      for (int i = 0; i < weights.length; i++) {
        current[i] += weights[i];
        if (weights[i] > 0 && (best < 0 || current[i] > current[best])) {
          best = i;
        }
      }
      current[best] -= total;
      wheel[slot] = targets.get(best);
    }
  }

  /** The layout of an upstream's targets that take traffic. */
  public static WeightedTargets of(UpstreamTargets upstream) {
    return new WeightedTargets(upstream.targets());
  }

  /** Weights divided by their greatest common divisor, then scaled to fit {@link #MAX_SLOTS}. */
  private static int[] scaled(List<Target> targets) {
    int gcd = 0;
    long sum = 0;
    for (Target t : targets) {
      gcd = BigInteger.valueOf(gcd).gcd(BigInteger.valueOf(t.weight())).intValue();
      sum += t.weight();
    }
    int[] weights = new int[targets.size()];
    if (gcd == 0) {
      return weights;
    }
    double scale = sum / gcd > MAX_SLOTS ? (double) MAX_SLOTS / sum : 1.0 / gcd;
    for (int i = 0; i < weights.length; i++) {
      int w = targets.get(i).weight();
      weights[i] = w == 0 ? 0 : (int) Math.max(1, Math.round(w * scale));
    }
    return weights;
  }

  /** True when no target takes traffic (Kong answers 503). */
  public boolean isEmpty() {
    return wheel.length == 0;
  }

  /** The number of distinct slots in one turn of the wheel. */
  public int size() {
    return wheel.length;
  }

  /** The target for turn {@code turn} of the round-robin counter; null when empty. */
  public Target pick(long turn) {
    return wheel.length == 0 ? null : wheel[(int) Math.floorMod(turn, (long) wheel.length)];
  }
}
