package dev.llmgateway.undertow.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.undertow.internal.testing.FreePort;
import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.StubHandlers;
import dev.llmgateway.undertow.internal.testing.StubRequest;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A service whose host names an Upstream entity is balanced weighted round-robin over its targets. */
class UpstreamTargetsTest {
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private int get(GatewayHarness gateway, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(gateway.uri(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void targetsGetTrafficInProportionToTheirWeights() throws Exception {
    try (StubUpstream heavy = StubUpstream.start(StubHandlers.echo());
        StubUpstream light = StubUpstream.start(StubHandlers.echo())) {
      TestConfig config = TestConfig.with();
      UUID pool = config.upstream("llm-pool");
      config.target(pool, "127.0.0.1:" + heavy.port(), 300);
      config.target(pool, "127.0.0.1:" + light.port(), 100);
      UUID s = config.service("llm", "http://llm-pool");
      config.route(s, "/v1");
      try (GatewayHarness gateway = GatewayHarness.start(config.snapshot())) {
        for (int i = 0; i < 8; i++) {
          assertThat(get(gateway, "/v1/models")).isEqualTo(200);
        }
      }
      assertThat(heavy.requests()).hasSize(6);
      assertThat(light.requests()).hasSize(2);
      StubRequest r = light.requests().get(0);
      assertThat(r.header("Host")).isEqualTo("127.0.0.1:" + light.port());
    }
  }

  @Test
  void aTargetThatRefusesConnectionsIsSkippedByRetries() throws Exception {
    try (StubUpstream live = StubUpstream.start(StubHandlers.echo())) {
      TestConfig config = TestConfig.with();
      UUID pool = config.upstream("llm-pool");
      config.target(pool, "127.0.0.1:" + FreePort.closed(), 100);
      config.target(pool, "127.0.0.1:" + live.port(), 100);
      UUID s = config.service("llm", "http://llm-pool");
      config.route(s, "/v1");
      try (GatewayHarness gateway = GatewayHarness.start(config.snapshot())) {
        for (int i = 0; i < 4; i++) {
          assertThat(get(gateway, "/v1/models")).isEqualTo(200);
        }
      }
      assertThat(live.requests()).hasSize(4);
    }
  }

  @Test
  void anUpstreamWithoutTargetsIs503() throws Exception {
    TestConfig config = TestConfig.with();
    config.upstream("empty-pool");
    UUID s = config.service("llm", "http://empty-pool");
    config.route(s, "/v1");
    try (GatewayHarness gateway = GatewayHarness.start(config.snapshot())) {
      assertThat(get(gateway, "/v1/models")).isEqualTo(503);
    }
  }
}
