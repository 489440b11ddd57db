package dev.llmgateway.internal.balancer;

/**
 * Kong's {@code latency} algorithm: two usable targets drawn at random, the one with the lower decaying average
 * response time per unit of weight wins (power of two choices over a peak-EWMA, as Finagle and Kong do).
 */
final class Latency implements Algorithm {
  @Override
  public int pick(Pool pool, Tries tries, boolean allowTried) {
    int n = pool.peers.length;
    long now = System.nanoTime();
    int usable = 0;
    int first = -1;
    int second = -1;
    // Reservoir-sample two distinct usable targets in one pass.
    for (int i = 0; i < n; i++) {
      if (!pool.usable(i, tries, allowTried, now)) {
        continue;
      }
      usable++;
      if (usable == 1) {
        first = i;
      } else if (usable == 2) {
        second = i;
      } else {
        int r = Peer.random(usable);
        if (r == 0) {
          first = i;
        } else if (r == 1) {
          second = i;
        }
      }
    }
    if (second < 0) {
      return first;
    }
    double a = pool.peers[first].latencyNanos(now) / pool.weights[first];
    double b = pool.peers[second].latencyNanos(now) / pool.weights[second];
    if (a == b) {
      return Peer.random(2) == 0 ? first : second;
    }
    return a < b ? first : second;
  }
}
