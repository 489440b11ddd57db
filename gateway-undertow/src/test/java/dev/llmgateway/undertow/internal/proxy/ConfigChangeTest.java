package dev.llmgateway.undertow.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.RawHttpConnection;
import dev.llmgateway.undertow.internal.testing.Sse;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A request keeps the config it started with; the next one sees the change (the usage guide's PATCH url). */
class ConfigChangeTest {
  @Test
  void changingTheServiceUrlMidStreamLeavesTheOpenStreamAlone() throws Exception {
    CountDownLatch patched = new CountDownLatch(1);
    try (StubUpstream oldBackend = StubUpstream.start(ex -> {
          ex.startChunked(200, "text/event-stream");
          ex.write("data: old 1\n\n");
          patched.await(10, TimeUnit.SECONDS);
          ex.write("data: old 2\n\n");
          ex.end();
        });
        StubUpstream newBackend = StubUpstream.start(ex -> ex.respond(200, "text/plain", "new"))) {
      TestConfig config = TestConfig.with();
      UUID service = config.service("vllm-service", oldBackend.url());
      config.route(service, "/v1/vllm");
      try (GatewayHarness gateway = GatewayHarness.start(config.snapshot());
          RawHttpConnection stream = RawHttpConnection.open(gateway.port())) {
        stream.write("GET /v1/vllm/v1/chat HTTP/1.1\r\nHost: gw\r\n\r\n");
        stream.readHead();
        Sse events = new Sse(stream);
        assertThat(events.next()).isEqualTo("data: old 1\n\n");

        // PATCH /services/vllm-service url=<new backend>: the Admin API swaps in a snapshot like this one.
        config.service(Map.of("id", service.toString(), "name", "vllm-service", "url", newBackend.url()));
        gateway.swap(config.snapshot());

        HttpResponse<String> next = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            gateway.uri("/v1/vllm/v1/models")).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(next.body()).isEqualTo("new");
        patched.countDown();
        assertThat(events.next()).isEqualTo("data: old 2\n\n");
        assertThat(events.next()).isNull();
      }
      assertThat(oldBackend.requests()).hasSize(1);
      assertThat(newBackend.requests()).hasSize(1);
    }
  }
}
