package dev.llmgateway.undertow.internal.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.StubHandlers;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Kong's algorithms through a real gateway listener and real stub upstreams on loopback. */
class AlgorithmsProxyTest {
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private HttpResponse<String> get(GatewayHarness gateway, String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(gateway.uri(path)).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void weightsAreHonouredWithinFivePercentOverAThousandRequests() throws Exception {
    try (StubUpstream a = StubUpstream.start(StubHandlers.echo());
        StubUpstream b = StubUpstream.start(StubHandlers.echo());
        StubUpstream c = StubUpstream.start(StubHandlers.echo())) {
      TestConfig config = TestConfig.with();
      UUID pool = config.upstream("llm-pool");
      config.target(pool, "127.0.0.1:" + a.port(), 50);
      config.target(pool, "127.0.0.1:" + b.port(), 30);
      config.target(pool, "127.0.0.1:" + c.port(), 20);
      config.route(config.service("llm", "http://llm-pool"), "/v1");
      try (GatewayHarness gateway = GatewayHarness.start(config.snapshot())) {
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
          List<java.util.concurrent.Future<Integer>> statuses = new ArrayList<>();
          for (int i = 0; i < 1000; i++) {
            statuses.add(senders.submit(() -> get(gateway, "/v1/models").statusCode()));
          }
          for (java.util.concurrent.Future<Integer> f : statuses) {
            assertThat(f.get(20, TimeUnit.SECONDS)).isEqualTo(200);
          }
        } finally {
          senders.shutdownNow();
        }
      }
      assertThat(a.requests().size()).isBetween(475, 525);
      assertThat(b.requests().size()).isBetween(285, 315);
      assertThat(c.requests().size()).isBetween(190, 210);
    }
  }

  @Test
  void consistentHashingOnAHeaderKeepsEachKeyOnOneTarget() throws Exception {
    List<StubUpstream> stubs = new ArrayList<>();
    try {
      TestConfig config = TestConfig.with();
      UUID pool = config.upstream("llm-pool", Map.of("hash_on", "header", "hash_on_header", "x-session"));
      for (int i = 0; i < 3; i++) {
        StubUpstream s = StubUpstream.start(StubHandlers.echo());
        stubs.add(s);
        config.target(pool, "127.0.0.1:" + s.port(), 100);
      }
      config.route(config.service("llm", "http://llm-pool"), "/v1");
      try (GatewayHarness gateway = GatewayHarness.start(config.snapshot())) {
        for (int round = 0; round < 3; round++) {
          for (int k = 0; k < 30; k++) {
            assertThat(get(gateway, "/v1/models", "x-session", "s" + k).statusCode()).isEqualTo(200);
          }
        }
      }
      Set<String> used = new HashSet<>();
      for (StubUpstream s : stubs) {
        Set<String> keys = new HashSet<>();
        s.requests().forEach(r -> keys.add(r.header("x-session")));
        for (String k : keys) {
          assertThat(used.add(k)).as("key %s seen on two targets", k).isTrue();
          assertThat(s.requests().stream().filter(r -> k.equals(r.header("x-session"))).count()).isEqualTo(3);
        }
      }
      assertThat(used).hasSize(30);
      assertThat(stubs).allSatisfy(s -> assertThat(s.requests()).isNotEmpty());
    } finally {
      stubs.forEach(StubUpstream::close);
    }
  }

  @Test
  void hashingOnAMissingCookieSetsItAsKongDoesAndTheCookieSticks() throws Exception {
    try (StubUpstream a = StubUpstream.start(StubHandlers.echo());
        StubUpstream b = StubUpstream.start(StubHandlers.echo())) {
      TestConfig config = TestConfig.with();
      UUID pool = config.upstream("llm-pool", Map.of("hash_on", "cookie", "hash_on_cookie", "llm-session"));
      config.target(pool, "127.0.0.1:" + a.port(), 100);
      config.target(pool, "127.0.0.1:" + b.port(), 100);
      config.route(config.service("llm", "http://llm-pool"), "/v1");
      try (GatewayHarness gateway = GatewayHarness.start(config.snapshot())) {
        HttpResponse<String> first = get(gateway, "/v1/models");
        String setCookie = first.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).matches("llm-session=[0-9a-f-]{36}; Path=/; Same-Site=Lax; HttpOnly");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        for (int i = 0; i < 10; i++) {
          HttpResponse<String> again = get(gateway, "/v1/models", "Cookie", cookie);
          assertThat(again.headers().firstValue("Set-Cookie")).isEmpty();
        }
      }
      // All eleven requests carried the same key (the first by invention): one target got them all.
      assertThat(List.of(a.requests().size(), b.requests().size())).containsExactlyInAnyOrder(0, 11);
    }
  }

  @Test
  void leastConnectionsSendsANewStreamToTheTargetWithFewestOpenStreams() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<StubUpstream> stubs = new ArrayList<>();
    try {
      TestConfig config = TestConfig.with();
      UUID pool = config.upstream("llm-pool", Map.of("algorithm", "least-connections"));
      for (int i = 0; i < 3; i++) {
        StubUpstream s = StubUpstream.start(ex -> {
          ex.startChunked(200, "text/event-stream");
          ex.write("data: first\n\n");
          if (ex.request().path().endsWith("/held")) {
            release.await(10, TimeUnit.SECONDS);
          }
          ex.write("data: [DONE]\n\n");
          ex.end();
        });
        stubs.add(s);
        config.target(pool, "127.0.0.1:" + s.port(), 100);
      }
      config.route(config.service("llm", "http://llm-pool"), "/v1");
      try (GatewayHarness gateway = GatewayHarness.start(config.snapshot())) {
        // Two streams stay open on two targets; every new request must go to the third.
        List<InputStream> open = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(gateway.uri("/v1/held"))
              .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
          assertThat(r.statusCode()).isEqualTo(200);
          open.add(r.body());
        }
        StubUpstream idle = stubs.stream().filter(s -> s.requests().isEmpty()).findFirst().orElseThrow();
        for (int i = 0; i < 5; i++) {
          assertThat(get(gateway, "/v1/quick").statusCode()).isEqualTo(200);
        }
        assertThat(idle.requests()).hasSize(5);
        release.countDown();
        for (InputStream in : open) {
          assertThat(new String(in.readAllBytes())).contains("[DONE]");
        }
      }
    } finally {
      release.countDown();
      stubs.forEach(StubUpstream::close);
    }
  }
}
