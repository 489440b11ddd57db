package dev.llmgateway.internal.balancer;

/**
 * Kong's least-connections: the usable target with the lowest {@code (in flight + 1) / weight}, counting open
 * streams until they end; the {@code + 1} makes the heavier target win among idle ones. Ties go to the first
 * found from a rotating start, so idle equal targets share the traffic.
 */
final class LeastConnections implements Algorithm {
  @Override
  public int pick(Pool pool, Tries tries, boolean allowTried) {
    int n = pool.peers.length;
    if (n == 0) {
      return -1;
    }
    int start = (int) Math.floorMod(pool.state.turn.getAndIncrement(), (long) n);
    long now = System.nanoTime();
    int best = -1;
    double bestScore = Double.MAX_VALUE;
    for (int k = 0; k < n; k++) {
      int i = start + k < n ? start + k : start + k - n;
      if (!pool.usable(i, tries, allowTried, now)) {
        continue;
      }
      double score = (pool.peers[i].inFlight.get() + 1.0) / pool.weights[i];
      if (score < bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return best;
  }
}
