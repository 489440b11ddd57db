package dev.llmgateway.internal.balancer;

import static dev.llmgateway.internal.balancer.Pools.pool;
import static dev.llmgateway.internal.balancer.Pools.target;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The load-aware algorithm and the engine metrics it reads. */
class LeastLoadTest {
  static final String VLLM = """
      # HELP vllm:num_requests_running Number of requests in model execution batches.
      # TYPE vllm:num_requests_running gauge
      vllm:num_requests_running{engine="0",model_name="llama"} 7.0
      vllm:num_requests_waiting{engine="0",model_name="llama"} 12.0
      vllm:kv_cache_usage_perc{engine="0",model_name="llama"} 0.5
      vllm:num_requests_running_total_not_this 99
      """;

  static final String SGLANG = """
      sglang:num_running_reqs{model_name="qwen"} 3
      sglang:num_queue_reqs{model_name="qwen"} 4
      sglang:token_usage{model_name="qwen"} 0.25
      """;

  @Test
  void aSlowerReplicaGetsAShorterQueue() {
    Pool p = pool(Map.of("algorithm", "least-load"), target("fast.test:80", 100), target("slow.test:80", 100));
    p.peers[0].sample(100_000_000L, 1);
    p.peers[1].sample(300_000_000L, 1); // three times the cost per request
    for (int i = 0; i < 40; i++) {
      new Tries(p, null).next();
    }
    assertThat(p.peers[0].inFlight()).isEqualTo(30);
    assertThat(p.peers[1].inFlight()).isEqualTo(10);
  }

  @Test
  void vllmAndSglangMetricsAreRead() {
    EngineLoad v = EngineMetrics.parse(VLLM, 2, 5);
    assertThat(v.running()).isEqualTo(7.0);
    assertThat(v.waiting()).isEqualTo(12.0);
    assertThat(v.kvUsage()).isEqualTo(0.5);
    assertThat(v.inFlightAtRead()).isEqualTo(2);
    EngineLoad s = EngineMetrics.parse(SGLANG, 0, 5);
    assertThat(s.running()).isEqualTo(3.0);
    assertThat(s.waiting()).isEqualTo(4.0);
    assertThat(s.kvUsage()).isEqualTo(0.25);
    assertThat(EngineMetrics.parse("http_requests_total 5\n", 0, 5)).isNull();
    EngineLoad old = EngineMetrics.parse("vllm:num_requests_waiting 1\nvllm:gpu_cache_usage_perc 0.9\n", 0, 5);
    assertThat(old.kvUsage()).isEqualTo(0.9);
  }

  @Test
  void theEnginesQueueSteersTrafficAwayAndStaleMetricsFallBackToInFlight() {
    Pool p = pool(Map.of("algorithm", "least-load"), target("a.test:80", 100), target("b.test:80", 100));
    long now = System.nanoTime();
    p.peers[0].engineLoad(new EngineLoad(8, 20, 0.9, 0, now), null); // busy with other clients' work
    p.peers[1].engineLoad(new EngineLoad(1, 0, 0.1, 0, now), null);
    for (int i = 0; i < 10; i++) {
      assertThat(Pools.pickOnce(p, null).host()).isEqualTo("b.test");
    }
    // Ten requests held open at b: still less than a's 28 queued elsewhere.
    for (int i = 0; i < 10; i++) {
      new Tries(p, null).next();
    }
    assertThat(p.peers[1].inFlight()).isEqualTo(10);
    // a's metrics grow stale: both score on in-flight alone, and a has none.
    p.peers[0].engineLoad(new EngineLoad(8, 20, 0.9, 0, now - 10_000_000_000L), null);
    assertThat(Pools.pickOnce(p, null).host()).isEqualTo("a.test");
  }

  @Test
  void equalTargetsShareTrafficAndLargePoolsUseTwoChoices() {
    Pool p = pool(Map.of("algorithm", "least-load"), target("a.test:80", 100), target("b.test:80", 100),
        target("c.test:80", 100));
    for (int i = 0; i < 300; i++) {
      new Tries(p, null).next(); // held open: equal targets fill evenly
    }
    assertThat(p.peers).allSatisfy(peer -> assertThat(peer.inFlight()).isEqualTo(100));
    dev.llmgateway.entity.Target[] many = new dev.llmgateway.entity.Target[40];
    for (int i = 0; i < many.length; i++) {
      many[i] = target("10.0.1." + (i + 1) + ":80", 100);
    }
    Pool big = pool(Map.of("algorithm", "least-load"), many);
    for (int i = 0; i < 400; i++) {
      new Tries(big, null).next(); // held open: two choices keep the spread tight
    }
    int max = 0;
    int min = Integer.MAX_VALUE;
    for (Peer peer : big.peers) {
      max = Math.max(max, peer.inFlight());
      min = Math.min(min, peer.inFlight());
    }
    assertThat(max - min).isLessThanOrEqualTo(8); // ten each on average; one random choice would spread far wider
  }
}
