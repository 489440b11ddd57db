package dev.llmgateway.internal.balancer;

import dev.llmgateway.entity.Target;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A JMH-free measurement of one pick at 64 targets for each algorithm (not a test): a request's first try picked,
 * counted in flight and ended, timed one by one with {@code System.nanoTime()} after a warm-up; prints p50, p99
 * and p99.9 in nanoseconds. Run: {@code java -cp gateway-core/target/classes:gateway-core/target/test-classes
 * dev.llmgateway.internal.balancer.PickBench}.
 */
public final class PickBench {
  private PickBench() {}

  public static void main(String[] args) {
    int targets = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    int rounds = 2_000_000;
    Target[] ts = new Target[targets];
    for (int i = 0; i < targets; i++) {
      ts[i] = Pools.target("10.0." + (i / 250) + "." + (i % 250 + 1) + ":8000", 100 + i % 7);
    }
    FakeRequest request = new FakeRequest().header("x-session", "user-42");
    for (Map<String, Object> fields : List.<Map<String, Object>>of(Map.of("algorithm", "round-robin"),
        Map.of("algorithm", "least-connections"), Map.of("algorithm", "latency"),
        Map.of("algorithm", "least-load"), Map.of("hash_on", "header", "hash_on_header", "x-session"))) {
      Pool pool = Pools.pool(fields, ts);
      for (Peer p : pool.peers) {
        p.sample(1_000_000L + Peer.random(1_000_000), 1 + Peer.random(4));
      }
      long[] nanos = new long[rounds];
      RequestFacts facts = request.facts();
      for (int warm = 0; warm < 2; warm++) {
        for (int i = 0; i < rounds; i++) {
          long t0 = System.nanoTime();
          Tries t = new Tries(pool, facts);
          Attempt a = t.next();
          nanos[i] = System.nanoTime() - t0;
          a.ended();
        }
      }
      Arrays.sort(nanos);
      System.out.printf("%-40s targets %d  p50 %5d ns  p99 %5d ns  p99.9 %6d ns%n", fields, targets,
          nanos[rounds / 2], nanos[(int) (rounds * 0.99)], nanos[(int) (rounds * 0.999)]);
    }
  }
}
