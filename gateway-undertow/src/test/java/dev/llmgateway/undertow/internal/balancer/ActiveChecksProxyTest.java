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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Active health checks: probes off the IO threads take a stopped replica out and bring it back. */
class ActiveChecksProxyTest {
  private static final StubHandler ENGINE = ex -> ex.respond(200, "application/json",
      ex.request().path().equals("/health") ? "" : "{\"served\":true}");

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private int get(GatewayHarness gateway) throws Exception {
    return client.send(HttpRequest.newBuilder(gateway.uri("/v1/models")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static Map<String, Object> active(double interval) {
    return Map.of("healthchecks", Map.of("active", Map.of("http_path", "/health", "timeout", 3,
        "healthy", Map.of("interval", interval, "successes", 1),
        "unhealthy", Map.of("interval", interval, "tcp_failures", 2, "http_failures", 2, "timeouts", 3))));
  }

  private static String health(GatewayHarness gateway, String target) {
    return gateway.gateway().balancer().health(gateway.config().current(), "llm-pool").healthOf(target);
  }

  private static long waitFor(BooleanSupplier condition, long maxMillis) throws InterruptedException {
    long start = System.nanoTime();
    while (!condition.getAsBoolean()) {
      if ((System.nanoTime() - start) / 1_000_000 > maxMillis) {
        throw new AssertionError("condition not met within " + maxMillis + " ms");
      }
      Thread.sleep(20);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void aStoppedReplicaIsTakenOutWithinTheWindowAndComesBackWhenItReturns() throws Exception {
    List<String> stateLines = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (r.getMessage() != null && r.getMessage().contains(" is ")) {
          stateLines.add(r.getMessage());
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger log = Logger.getLogger("dev.llmgateway.balancer");
    log.addHandler(capture);
    StubUpstream[] replica = {StubUpstream.start(ENGINE)};
    int aPort = replica[0].port();
    try (StubUpstream b = StubUpstream.start(ENGINE)) {
      TestConfig config = TestConfig.with();
      double interval = 0.5;
      UUID pool = config.upstream("llm-pool", active(interval));
      String aTarget = "127.0.0.1:" + aPort;
      config.target(pool, aTarget, 100);
      config.target(pool, "127.0.0.1:" + b.port(), 100);
      config.route(config.service("llm", "http://llm-pool"), "/v1");
      try (GatewayHarness gateway = GatewayHarness.start(config.snapshot())) {
        StubUpstream first = replica[0];
        waitFor(() -> first.requests().stream().anyMatch(r -> r.path().equals("/health")), 5000);
        assertThat(health(gateway, aTarget)).isEqualTo("HEALTHY");

        first.close();
        long outMillis = waitFor(() -> "UNHEALTHY".equals(health(gateway, aTarget)), 10_000);
        assertThat(outMillis).isLessThanOrEqualTo((long) (interval * 2 * 1000) + 1000);
        int bBefore = (int) b.requests().stream().filter(r -> !r.path().equals("/health")).count();
        for (int i = 0; i < 10; i++) {
          assertThat(get(gateway)).isEqualTo(200);
        }
        assertThat(b.requests().stream().filter(r -> !r.path().equals("/health")).count()).isEqualTo(bBefore + 10);
        Thread.sleep((long) (interval * 3 * 1000)); // more failed probes: still one log line for the change

        StubUpstream back = StubUpstream.start(ENGINE, aPort);
        replica[0] = back;
        waitFor(() -> "HEALTHY".equals(health(gateway, aTarget)), (long) (interval * 1000) + 3000);
        for (int i = 0; i < 10; i++) {
          assertThat(get(gateway)).isEqualTo(200);
        }
        assertThat(back.requests().stream().filter(r -> !r.path().equals("/health")).count()).isEqualTo(5);
      }
      assertThat(stateLines.stream().filter(l -> l.contains(aTarget) && l.contains("UNHEALTHY"))).hasSize(1);
      assertThat(stateLines.stream().filter(l -> l.contains(aTarget) && l.contains("is HEALTHY"))).hasSize(1);
    } finally {
      replica[0].close();
      log.removeHandler(capture);
    }
  }

  @Test
  void deletingTheUpstreamStopsItsProber() throws Exception {
    try (StubUpstream a = StubUpstream.start(ENGINE)) {
      TestConfig config = TestConfig.with();
      UUID pool = config.upstream("llm-pool", active(0.1));
      config.target(pool, "127.0.0.1:" + a.port(), 100);
      config.route(config.service("llm", "http://llm-pool"), "/v1");
      try (GatewayHarness gateway = GatewayHarness.start(config.snapshot())) {
        waitFor(() -> a.requests().size() >= 2, 5000);
        TestConfig without = TestConfig.with();
        without.route(without.service("llm", "http://127.0.0.1:" + a.port()), "/v1");
        gateway.swap(without.snapshot());
        Thread.sleep(500); // the balancer notices within 200 ms; a probe already running may still land
        int probes = a.requests().size();
        Thread.sleep(500);
        assertThat(a.requests()).hasSize(probes);
      }
    }
  }
}
