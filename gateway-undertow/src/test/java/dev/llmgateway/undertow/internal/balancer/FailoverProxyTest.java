package dev.llmgateway.undertow.internal.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.balancer.BackPressure;
import dev.llmgateway.internal.balancer.UpstreamHealth;
import dev.llmgateway.undertow.internal.testing.FreePort;
import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.StubHandlers;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Passive health checks, failover and engine back-pressure through a real gateway: what the client sees and what
 * each stub replica received.
 */
class FailoverProxyTest {
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private HttpResponse<String> send(GatewayHarness gateway, String method, String path, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(gateway.uri(path)).timeout(Duration.ofSeconds(10));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, Object> passive(Map<String, Object> unhealthy) {
    return Map.of("healthchecks", Map.of("passive", Map.of("unhealthy", unhealthy)));
  }

  private static String health(GatewayHarness gateway, String target) {
    UpstreamHealth h = gateway.gateway().balancer().health(gateway.config().current(), "llm-pool");
    return h.healthOf(target);
  }

  @Test
  void connectFailuresTripTheBreakerAndNoClientRequestFails() throws Exception {
    try (StubUpstream live = StubUpstream.start(StubHandlers.echo())) {
      TestConfig config = TestConfig.with();
      UUID pool = config.upstream("llm-pool", passive(Map.of("tcp_failures", 1)));
      String dead = "127.0.0.1:" + FreePort.closed();
      config.target(pool, dead, 100);
      config.target(pool, "127.0.0.1:" + live.port(), 100);
      config.route(config.service("llm", "http://llm-pool"), "/v1");
      try (GatewayHarness gateway = GatewayHarness.start(config.snapshot())) {
        for (int i = 0; i < 6; i++) {
          assertThat(send(gateway, "POST", "/v1/chat", "{\"n\":" + i + "}").statusCode()).isEqualTo(200);
        }
        assertThat(health(gateway, dead)).isEqualTo("UNHEALTHY");
      }
      assertThat(live.requests()).hasSize(6);
    }
  }

  @Test
  void configuredStatusesTripTheBreakerAndThenTheTargetGetsNothing() throws Exception {
    try (StubUpstream failing = StubUpstream.start(ex -> ex.respond(500, "text/plain", "boom"));
        StubUpstream fine = StubUpstream.start(StubHandlers.echo())) {
      TestConfig config = TestConfig.with();
      UUID pool = config.upstream("llm-pool", passive(Map.of("http_failures", 2)));
      config.target(pool, "127.0.0.1:" + failing.port(), 100);
      config.target(pool, "127.0.0.1:" + fine.port(), 100);
      config.route(config.service("llm", "http://llm-pool"), "/v1");
      try (GatewayHarness gateway = GatewayHarness.start(config.snapshot())) {
        for (int i = 0; i < 20; i++) {
          send(gateway, "GET", "/v1/models", null);
        }
        assertThat(health(gateway, "127.0.0.1:" + failing.port())).isEqualTo("UNHEALTHY");
        assertThat(health(gateway, "127.0.0.1:" + fine.port())).isEqualTo("HEALTHY");
      }
      assertThat(failing.requests()).hasSize(2); // a 500 is the engine's answer: relayed, counted, not retried
      assertThat(fine.requests()).hasSize(18);
    }
  }

  @Test
  void allTargetsUnhealthyIsKongs503() throws Exception {
    TestConfig config = TestConfig.with();
    UUID pool = config.upstream("llm-pool", passive(Map.of("tcp_failures", 1)));
    config.target(pool, "127.0.0.1:" + FreePort.closed(), 100);
    config.target(pool, "127.0.0.1:" + FreePort.closed(), 100);
    config.route(config.service("llm", "http://llm-pool"), "/v1");
    try (GatewayHarness gateway = GatewayHarness.start(config.snapshot())) {
      HttpResponse<String> first = send(gateway, "GET", "/v1/models", null);
      assertThat(first.statusCode()).isIn(502, 503); // both tried and refused within the retries
      HttpResponse<String> r = send(gateway, "GET", "/v1/models", null);
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).contains("failure to get a peer from the ring-balancer");
    }
  }

  @Test
  void aResetBeforeAnyResponseByteMovesAHeldBodyToAnotherTarget() throws Exception {
    try (StubUpstream resetting = StubUpstream.start(ex -> ex.reset());
        StubUpstream fine = StubUpstream.start(StubHandlers.echo())) {
      TestConfig config = TestConfig.with();
      UUID pool = config.upstream("llm-pool");
      config.target(pool, "127.0.0.1:" + resetting.port(), 100);
      config.target(pool, "127.0.0.1:" + fine.port(), 100);
      config.route(config.service("llm", "http://llm-pool"), "/v1");
      try (GatewayHarness gateway = GatewayHarness.start(config.snapshot())) {
        for (int i = 0; i < 4; i++) {
          assertThat(send(gateway, "POST", "/v1/chat", "{\"prompt\":\"hi " + i + "\"}").statusCode()).isEqualTo(200);
        }
      }
      assertThat(fine.requests()).hasSize(4);
      assertThat(fine.requests()).allSatisfy(r -> assertThat(r.bodyText()).startsWith("{\"prompt\":\"hi "));
      // Round-robin sends every first try to the resetting replica in turn; each moved on with its body.
      assertThat(resetting.requests()).hasSizeBetween(1, 4);
    }
  }

  @Test
  void aStreamedBodyIsNeverReplayed() throws Exception {
    try (StubUpstream resetting = StubUpstream.start(ex -> ex.reset());
        StubUpstream fine = StubUpstream.start(StubHandlers.echo())) {
      TestConfig config = TestConfig.with();
      UUID pool = config.upstream("llm-pool");
      config.target(pool, "127.0.0.1:" + resetting.port(), 100);
      config.target(pool, "127.0.0.1:" + fine.port(), 100);
      config.route(config.service("llm", "http://llm-pool"), "/v1");
      String big = "x".repeat(200_000); // above the 64 KiB held limit: streamed, so it cannot be sent twice
      try (GatewayHarness gateway = GatewayHarness.start(config.snapshot())) {
        HttpResponse<String> r = send(gateway, "POST", "/v1/chat", big);
        assertThat(r.statusCode()).isEqualTo(502);
      }
      assertThat(resetting.requests()).hasSize(1);
      assertThat(fine.requests()).isEmpty();
    }
  }

  @Test
  void aStubThatFailsMidStreamIsCalledExactlyOnce() throws Exception {
    try (StubUpstream breaking = StubUpstream.start(ex -> {
          ex.startChunked(200, "text/event-stream");
          ex.write("data: one\n\n");
          Thread.sleep(50);
          ex.reset();
        });
        StubUpstream fine = StubUpstream.start(StubHandlers.echo())) {
      TestConfig config = TestConfig.with();
      UUID pool = config.upstream("llm-pool", Map.of("hash_on", "header", "hash_on_header", "x-k"));
      config.target(pool, "127.0.0.1:" + breaking.port(), 100);
      config.target(pool, "127.0.0.1:" + fine.port(), 100);
      config.route(config.service("llm", "http://llm-pool"), "/v1");
      try (GatewayHarness gateway = GatewayHarness.start(config.snapshot())) {
        int brokenSeen = 0;
        for (int k = 0; k < 20 && breaking.requests().isEmpty(); k++) {
          try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(gateway.uri("/v1/stream"))
                .header("x-k", "k" + k).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
          } catch (java.io.IOException e) {
            brokenSeen++; // the client sees a broken response, never a replayed one
          }
        }
        assertThat(breaking.requests()).hasSize(1);
        assertThat(brokenSeen).isEqualTo(1);
      }
    }
  }

  @Test
  void a429WithRetryAfterSendsTheRetryToAnotherReplicaAndBenchesTheBusyOne() throws Exception {
    try (StubUpstream busy = StubUpstream.start(ex -> ex.header("Retry-After", "30")
            .respond(429, "application/json", "{\"error\":\"queue full\"}"));
        StubUpstream fine = StubUpstream.start(StubHandlers.echo())) {
      TestConfig config = TestConfig.with();
      UUID pool = config.upstream("llm-pool", passive(Map.of("http_failures", 1)));
      config.target(pool, "127.0.0.1:" + busy.port(), 100);
      config.target(pool, "127.0.0.1:" + fine.port(), 100);
      config.route(config.service("llm", "http://llm-pool"), "/v1");
      try (GatewayHarness gateway = GatewayHarness.start(config.snapshot())) {
        for (int i = 0; i < 10; i++) {
          assertThat(send(gateway, "POST", "/v1/chat", "{\"i\":" + i + "}").statusCode()).isEqualTo(200);
        }
        // Busy is not broken: the breaker (one HTTP failure trips it) did not count the 429.
        assertThat(health(gateway, "127.0.0.1:" + busy.port())).isEqualTo("HEALTHY");
      }
      assertThat(busy.requests()).hasSize(1); // benched for 30 s after its 429
      assertThat(fine.requests()).hasSize(10);
    }
  }

  @Test
  void a429FromTheOnlyReplicaReachesTheClient() throws Exception {
    try (StubUpstream busy = StubUpstream.start(ex -> ex.respond(429, "application/json", "{}"))) {
      TestConfig config = TestConfig.with();
      UUID pool = config.upstream("llm-pool");
      config.target(pool, "127.0.0.1:" + busy.port(), 100);
      config.route(config.service("llm", "http://llm-pool"), "/v1");
      try (GatewayHarness gateway = GatewayHarness.start(config.snapshot())) {
        assertThat(send(gateway, "POST", "/v1/chat", "{}").statusCode()).isEqualTo(429);
      }
      assertThat(busy.requests()).hasSize(1);
    }
  }

  @Test
  void withBusyRetryOffA429ReachesTheClientEvenWithAnotherReplica() throws Exception {
    try (StubUpstream busy = StubUpstream.start(ex -> ex.respond(429, "application/json", "{\"error\":\"full\"}"));
        StubUpstream fine = StubUpstream.start(StubHandlers.echo())) {
      TestConfig config = TestConfig.with();
      UUID pool = config.upstream("llm-pool");
      config.target(pool, "127.0.0.1:" + busy.port(), 100);
      config.target(pool, "127.0.0.1:" + fine.port(), 100);
      config.route(config.service("llm", "http://llm-pool"), "/v1");
      BackPressure off = new BackPressure(false, Set.of(429, 503), 300);
      try (GatewayHarness gateway = GatewayHarness.start(config.snapshot(), b -> b.backPressure(off))) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          statuses.add(send(gateway, "POST", "/v1/chat", "{\"i\":" + i + "}").statusCode());
        }
        // Round-robin over two replicas: two requests met the busy one and were not retried on the other.
        assertThat(statuses).containsExactlyInAnyOrder(429, 429, 200, 200);
      }
      assertThat(busy.requests()).hasSize(2);
      assertThat(fine.requests()).hasSize(2);
    }
  }

  @Test
  void healthSurvivesAnUnrelatedConfigChange() throws Exception {
    try (StubUpstream live = StubUpstream.start(StubHandlers.echo())) {
      TestConfig config = TestConfig.with();
      UUID pool = config.upstream("llm-pool", passive(Map.of("tcp_failures", 1)));
      String dead = "127.0.0.1:" + FreePort.closed();
      config.target(pool, dead, 100);
      config.target(pool, "127.0.0.1:" + live.port(), 100);
      config.route(config.service("llm", "http://llm-pool"), "/v1");
      try (GatewayHarness gateway = GatewayHarness.start(config.snapshot())) {
        for (int i = 0; i < 3; i++) {
          send(gateway, "GET", "/v1/models", null);
        }
        assertThat(health(gateway, dead)).isEqualTo("UNHEALTHY");
        config.route(config.service("other", "http://127.0.0.1:9"), "/other");
        gateway.swap(config.snapshot());
        assertThat(health(gateway, dead)).isEqualTo("UNHEALTHY");
        assertThat(List.of(send(gateway, "GET", "/v1/models", null).statusCode())).containsExactly(200);
      }
    }
  }
}
