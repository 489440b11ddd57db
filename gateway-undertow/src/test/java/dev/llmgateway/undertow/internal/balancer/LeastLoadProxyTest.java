package dev.llmgateway.undertow.internal.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.StubHandler;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The load-aware algorithm reads each replica's Prometheus /metrics and steers away from a full queue. */
class LeastLoadProxyTest {
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static StubHandler engine(String metrics) {
    return ex -> {
      if (ex.request().path().equals("/metrics")) {
        if (metrics == null) {
          ex.respond(404, "text/plain", "no metrics here");
        } else {
          ex.respond(200, "text/plain; version=0.0.4", metrics);
        }
      } else {
        ex.respond(200, "application/json", "{\"ok\":true}");
      }
    };
  }

  private static long served(StubUpstream s) {
    return s.requests().stream().filter(r -> !r.path().equals("/metrics")).count();
  }

  private void run(GatewayHarness gateway, int n) throws Exception {
    for (int i = 0; i < n; i++) {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
          .POST(HttpRequest.BodyPublishers.ofString("{}")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aReplicaWithAFullQueueGetsNothingWhileAnotherIsIdle() throws Exception {
    try (StubUpstream full = StubUpstream.start(engine("vllm:num_requests_running{model_name=\"m\"} 16\n"
            + "vllm:num_requests_waiting{model_name=\"m\"} 40\nvllm:kv_cache_usage_perc{model_name=\"m\"} 0.97\n"));
        StubUpstream idle = StubUpstream.start(engine("sglang:num_running_reqs 0\nsglang:num_queue_reqs 0\n"
            + "sglang:token_usage 0.1\n"))) {
      TestConfig config = TestConfig.with();
      UUID pool = config.upstream("llm-pool", Map.of("algorithm", "least-load"));
      config.target(pool, "127.0.0.1:" + full.port(), 100);
      config.target(pool, "127.0.0.1:" + idle.port(), 100);
      config.route(config.service("llm", "http://llm-pool"), "/v1");
      try (GatewayHarness gateway = GatewayHarness.start(config.snapshot())) {
        long start = System.nanoTime();
        while (full.requests().isEmpty() || idle.requests().isEmpty()) {
          assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
          Thread.sleep(20);
        }
        Thread.sleep(100); // the scrape's answer is parsed after the request was recorded
        run(gateway, 10);
      }
      assertThat(served(full)).isZero();
      assertThat(served(idle)).isEqualTo(10);
    }
  }

  @Test
  void unreadableMetricsFallBackToInFlightCounts() throws Exception {
    try (StubUpstream a = StubUpstream.start(engine(null));
        StubUpstream b = StubUpstream.start(engine(null))) {
      TestConfig config = TestConfig.with();
      UUID pool = config.upstream("llm-pool", Map.of("algorithm", "least-load"));
      config.target(pool, "127.0.0.1:" + a.port(), 100);
      config.target(pool, "127.0.0.1:" + b.port(), 100);
      config.route(config.service("llm", "http://llm-pool"), "/v1");
      try (GatewayHarness gateway = GatewayHarness.start(config.snapshot())) {
        run(gateway, 20);
      }
      // Both metrics endpoints answer 404: every request is still served, scored on in-flight counts and cost.
      assertThat(served(a) + served(b)).isEqualTo(20);
      assertThat(a.requests().stream().anyMatch(r -> r.path().equals("/metrics"))).isTrue();
    }
  }
}
