package dev.llmgateway.balancer;

import dev.llmgateway.internal.balancer.FakeRequest;

import dev.llmgateway.internal.balancer.Pools;

import dev.llmgateway.internal.balancer.Attempt;

import dev.llmgateway.internal.balancer.RequestFacts;

import dev.llmgateway.internal.balancer.Tries;

import dev.llmgateway.internal.balancer.Peer;

import dev.llmgateway.internal.balancer.Pool;

import dev.llmgateway.entity.Target;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One pick at 64 targets per algorithm, as the proxy makes it: a request's first try picked, counted in flight
 * and ended. The engine queues and latencies are seeded so that least-load and latency have real scores to
 * compare. Run: {@code mvn -B -Pbench -pl gateway-core test -Djmh.args="-f 1 -wi 2 -i 3 -bm sample PickJmh"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PickJmh {
  @Param({"round-robin", "least-connections", "latency", "least-load", "consistent-hashing"})
  public String algorithm;

  @Param({"64"})
  public int targets;

  private Pool pool;
  private RequestFacts facts;

  @Setup(Level.Trial)
  public void build() {
    Target[] ts = new Target[targets];
    for (int i = 0; i < targets; i++) {
      ts[i] = Pools.target("10.0." + (i / 250) + "." + (i % 250 + 1) + ":8000", 100 + i % 7);
    }
    Map<String, Object> fields = algorithm.equals("consistent-hashing")
        ? Map.of("hash_on", "header", "hash_on_header", "x-session")
        : Map.of("algorithm", algorithm);
    pool = Pools.pool(fields, ts);
    for (Peer p : pool.peers) {
      p.sample(1_000_000L + Peer.random(1_000_000), 1 + Peer.random(4));
    }
    facts = new FakeRequest().header("x-session", "user-42").facts();
  }

  /** Pick, count in flight, end: what one request's first try costs the balancer. */
  @Benchmark
  public Peer pick() {
    Tries t = new Tries(pool, facts);
    Attempt a = t.next();
    Peer p = t.peer();
    a.ended();
    return p;
  }
}
