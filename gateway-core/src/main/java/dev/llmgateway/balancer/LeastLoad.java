package dev.llmgateway.balancer;

/**
 * The load-aware algorithm for LLM engines ({@code least-load}, ours): each usable target scores
 * {@code (in flight at this gateway + 1 + engine load from elsewhere) × (1 + KV-cache usage) / weight}, where the
 * engine's load comes from its Prometheus {@code /metrics} (running plus waiting requests, minus those this
 * gateway had in flight when they were read). A target whose metrics are unreadable or stale scores on in-flight
 * counts alone. Small pools are scanned whole with ties broken at random; beyond {@link #SCAN_LIMIT} targets two
 * are drawn at random and the better one wins (power of two choices), which keeps the pick O(1).
 */
final class LeastLoad implements Algorithm {
  static final String NAME = "least-load";
  static final int SCAN_LIMIT = 16;

  @Override
  public int pick(Pool pool, Tries tries, boolean allowTried) {
    int n = pool.peers.length;
    long now = System.nanoTime();
    if (n > SCAN_LIMIT) {
      int picked = twoChoices(pool, tries, allowTried, now);
      if (picked >= 0) {
        return picked;
      }
    }
    int best = -1;
    int ties = 0;
    double bestScore = Double.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      if (!pool.usable(i, tries, allowTried, now)) {
        continue;
      }
      double score = score(pool, i, now);
      if (score < bestScore) {
        bestScore = score;
        best = i;
        ties = 1;
      } else if (score == bestScore && Peer.random(++ties) == 0) {
        best = i;
      }
    }
    return best;
  }

  /** Up to a few draws for two usable targets; -1 when the draws found none (the caller scans). */
  private static int twoChoices(Pool pool, Tries tries, boolean allowTried, long now) {
    int n = pool.peers.length;
    int a = -1;
    int b = -1;
    for (int draw = 0; draw < 8 && b < 0; draw++) {
      int i = Peer.random(n);
      if (i == a || !pool.usable(i, tries, allowTried, now)) {
        continue;
      }
      if (a < 0) {
        a = i;
      } else {
        b = i;
      }
    }
    if (b < 0) {
      return -1;
    }
    return score(pool, a, now) <= score(pool, b, now) ? a : b;
  }

  static double score(Pool pool, int i, long now) {
    Peer p = pool.peers[i];
    int inFlight = p.inFlight.get();
    double load = inFlight + 1;
    EngineLoad engine = p.load;
    double kv = 0;
    if (engine != null && now - engine.readNanos() < pool.state.metricsFreshNanos()) {
      load += Math.max(0, engine.running() + engine.waiting() - engine.inFlightAtRead());
      kv = Math.min(1, Math.max(0, engine.kvUsage()));
    }
    return load * (1 + kv) / pool.weights[i];
  }
}
