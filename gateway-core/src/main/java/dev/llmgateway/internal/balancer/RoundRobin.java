package dev.llmgateway.internal.balancer;

import java.math.BigInteger;

/**
 * Weighted round-robin: a wheel holding each target in proportion to its weight, interleaved as nginx's smooth
 * weighted round-robin interleaves them (weights 3:1 give A A B A, never a burst of A), walked by a turn counter
 * that outlives config snapshots. Unusable targets are stepped over.
 */
final class RoundRobin implements Algorithm {
  /** Wheels are scaled down beyond this many slots; proportions stay within one slot per target. */
  static final int MAX_SLOTS = 10_000;

  private final int[] wheel;

  RoundRobin(Pool pool) {
    int[] weights = scaled(pool.weights);
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    wheel = new int[total];
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
      wheel[slot] = best;
    }
  }

  /** Weights divided by their greatest common divisor, then scaled to fit {@link #MAX_SLOTS}. */
  private static int[] scaled(int[] raw) {
    int gcd = 0;
    long sum = 0;
    for (int w : raw) {
      gcd = BigInteger.valueOf(gcd).gcd(BigInteger.valueOf(w)).intValue();
      sum += w;
    }
    int[] weights = new int[raw.length];
    if (gcd == 0) {
      return weights;
    }
    double scale = sum / gcd > MAX_SLOTS ? (double) MAX_SLOTS / sum : 1.0 / gcd;
    for (int i = 0; i < weights.length; i++) {
      weights[i] = raw[i] == 0 ? 0 : (int) Math.max(1, Math.round(raw[i] * scale));
    }
    return weights;
  }

  @Override
  public int pick(Pool pool, Tries tries, boolean allowTried) {
    if (wheel.length == 0) {
      return -1;
    }
    long turn = pool.state.turn.getAndIncrement();
    long now = System.nanoTime();
    for (int i = 0; i < wheel.length; i++) {
      int candidate = wheel[(int) Math.floorMod(turn + i, (long) wheel.length)];
      if (pool.usable(candidate, tries, allowTried, now)) {
        if (i > 0) {
          pool.state.turn.getAndAdd(i); // the next request starts after the stepped-over slots
        }
        return candidate;
      }
    }
    return -1;
  }
}
