package dev.llmgateway.internal.balancer;

/**
 * The load-aware algorithm for LLM engines ({@code least-load}, ours): each usable target scores its expected
 * time to serve one more request, {@code (in flight here + 1 + engine load from elsewhere) × cost per request ×
 * (1 + KV-cache usage) / weight}. The cost per request is learnt from the target's own responses (response time
 * divided by the requests it had in flight, Little's law), so a replica three times slower gets a third of the
 * queue rather than an equal share; until a target has answered, the pool's average cost stands in. The engine
 * load comes from its Prometheus {@code /metrics} (running plus waiting requests, minus those this gateway had in
 * flight when they were read); unreadable or stale metrics leave in-flight counts alone. Small pools are scanned
 * whole with ties broken at random; beyond {@link #SCAN_LIMIT} targets two are drawn at random and the better one
 * wins (power of two choices), which keeps the pick O(1).
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
    double load = p.inFlight.get() + 1;
    EngineLoad engine = p.load;
    double kv = 0;
    if (engine != null && now - engine.readNanos() < pool.state.metricsFreshNanos()) {
      load += Math.max(0, engine.running() + engine.waiting() - engine.inFlightAtRead());
      kv = Math.min(1, Math.max(0, engine.kvUsage()));
    }
    double cost = p.unitCost();
    if (cost == 0) {
      cost = averageCost(pool);
    }
    return load * cost * (1 + kv) / pool.weights[i];
  }

  /** The mean cost per request over the targets that answered already; 1 when none did (in-flight counts rule). */
  private static double averageCost(Pool pool) {
    double sum = 0;
    int n = 0;
    for (Peer peer : pool.peers) {
      double c = peer.unitCost();
      if (c > 0) {
        sum += c;
        n++;
      }
    }
    return n == 0 ? 1 : sum / n;
  }
}
