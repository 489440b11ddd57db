package dev.llmgateway.undertow.internal.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.entity.Target;
import dev.llmgateway.entity.Upstream;
import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.StubHandler;
import dev.llmgateway.undertow.internal.testing.StubHandlers;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Deleting a target, then its whole upstream, while a slow stream runs on it: the config change takes effect for
 * new requests at once, and the stream already under way still ends with 200 and every byte.
 */
class DeleteInFlightTest {
  private static final String FULL = "data: first\n\ndata: second\n\ndata: [DONE]\n\n";

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** A stream that sends its first event, waits for {@code release}, then sends the rest. */
  private static StubHandler slowStream(CountDownLatch release) {
    return ex -> {
      ex.startChunked(200, "text/event-stream");
      ex.write("data: first\n\n");
      if (ex.request().path().endsWith("/slow")) {
        release.await(10, TimeUnit.SECONDS);
      }
      ex.write("data: second\n\n");
      ex.write("data: [DONE]\n\n");
      ex.end();
    };
  }

  private HttpResponse<InputStream> open(GatewayHarness gateway, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(gateway.uri(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofInputStream());
  }

  private HttpResponse<String> get(GatewayHarness gateway, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(gateway.uri(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Reads up to and including the first event, so that the stream is known to be under way. */
  private static String firstEvent(InputStream in) throws Exception {
    StringBuilder sb = new StringBuilder();
    while (!sb.toString().endsWith("\n\n")) {
      int b = in.read();
      assertThat(b).as("stream ended before its first event").isNotEqualTo(-1);
      sb.append((char) b);
    }
    return sb.toString();
  }

  @Test
  void deletingATargetAndThenItsUpstreamLetsStreamsInFlightFinish() throws Exception {
    CountDownLatch releaseFirst = new CountDownLatch(1);
    CountDownLatch releaseSecond = new CountDownLatch(1);
    try (StubUpstream a = StubUpstream.start(slowStream(releaseFirst));
        StubUpstream b = StubUpstream.start(slowStream(releaseSecond));
        StubUpstream direct = StubUpstream.start(StubHandlers.echo())) {
      TestConfig config = TestConfig.with();
      UUID pool = config.upstream("llm-pool", Map.of("algorithm", "least-connections"));
      UUID ta = config.target(pool, "127.0.0.1:" + a.port(), 100);
      UUID tb = config.target(pool, "127.0.0.1:" + b.port(), 100);
      UUID service = config.service(Map.of("id", UUID.randomUUID().toString(), "name", "llm",
          "url", "http://llm-pool"));
      config.route(service, "/v1");
      try (GatewayHarness gateway = GatewayHarness.start(config.snapshot())) {
        HttpResponse<InputStream> first = open(gateway, "/v1/slow");
        assertThat(first.statusCode()).isEqualTo(200);
        String firstHead = firstEvent(first.body());
        boolean onA = a.requests().size() == 1;
        assertThat(onA ? b.requests() : a.requests()).isEmpty();
        StubUpstream kept = onA ? b : a;

        // Delete the target that carries the stream: new requests go to the other one only.
        config.delete(Target.TYPE, onA ? ta : tb);
        gateway.swap(config.snapshot());
        for (int i = 0; i < 3; i++) {
          assertThat(get(gateway, "/v1/quick").body()).isEqualTo(FULL);
        }
        assertThat(kept.requests()).hasSize(3);

        HttpResponse<InputStream> second = open(gateway, "/v1/slow");
        assertThat(second.statusCode()).isEqualTo(200);
        String secondHead = firstEvent(second.body());
        assertThat(kept.requests()).hasSize(4);

        // Now delete the upstream itself (its last target first, as the Admin API cascades) and point the
        // service elsewhere: new requests reach the new place while both streams are still open.
        config.delete(Target.TYPE, onA ? tb : ta);
        config.delete(Upstream.TYPE, pool);
        config.service(Map.of("id", service.toString(), "name", "llm", "url", direct.url()));
        gateway.swap(config.snapshot());
        assertThat(get(gateway, "/v1/quick").statusCode()).isEqualTo(200);
        assertThat(direct.requests()).hasSize(1);

        releaseFirst.countDown();
        releaseSecond.countDown();
        assertThat(firstHead + new String(first.body().readAllBytes())).isEqualTo(FULL);
        assertThat(secondHead + new String(second.body().readAllBytes())).isEqualTo(FULL);
      }
    } finally {
      releaseFirst.countDown();
      releaseSecond.countDown();
    }
  }
}
