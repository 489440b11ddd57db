package dev.llmgateway.internal.balancer;

/** How one upstream chooses among its usable targets. Built per config snapshot; must not block or lock. */
interface Algorithm {
  /**
   * The index in {@code pool} of the target for the next try, or -1 when none is usable; {@code tries} tells
   * which targets this request already tried and whether they may be tried again.
   */
  int pick(Pool pool, Tries tries, boolean allowTried);

  /** The algorithm named by an upstream's {@code algorithm} field. */
  static Algorithm of(String name, Pool pool) {
    return switch (name) {
      case "consistent-hashing" -> new ConsistentHashing(pool);
      case "least-connections" -> new LeastConnections();
      case "latency" -> new Latency();
      case LeastLoad.NAME -> new LeastLoad();
      default -> new RoundRobin(pool);
    };
  }
}
