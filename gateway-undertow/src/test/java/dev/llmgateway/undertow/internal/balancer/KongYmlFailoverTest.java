package dev.llmgateway.undertow.internal.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.config.ConfigSnapshot;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.internal.declarative.DeclarativeConfig;
import dev.llmgateway.internal.pipeline.PluginRegistry;
import dev.llmgateway.internal.pipeline.PluginStates;
import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.StubHandler;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A kong.yml with two targets and active checks: one target is killed, no client request fails. */
class KongYmlFailoverTest {
  private static final StubHandler ENGINE = ex -> ex.respond(200, "application/json", "{\"ok\":true}");

  @Test
  void killingOneTargetFailsNoClientRequestAfterTheDetectionWindow() throws Exception {
    StubUpstream a = StubUpstream.start(ENGINE);
    try (StubUpstream b = StubUpstream.start(ENGINE)) {
      String yml = """
          _format_version: "3.0"
          upstreams:
            - name: llm-pool
              healthchecks:
                active:
                  http_path: /health
                  timeout: 2
                  healthy: {interval: 1, successes: 1}
                  unhealthy: {interval: 1, tcp_failures: 1, timeouts: 3, http_failures: 2}
              targets:
                - target: 127.0.0.1:%d
                - target: 127.0.0.1:%d
          services:
            - name: llm
              host: llm-pool
              port: 80
              routes:
                - name: chat
                  paths: [/v1]
          """.formatted(a.port(), b.port());
      PluginRegistry registry = PluginRegistry.of();
      Configuration cfg = new DeclarativeConfig(registry.entityTypes(), System::currentTimeMillis).load(yml);
      ConfigSnapshot snapshot = ConfigSnapshot.build(cfg, registry, new PluginStates(), 1);
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      try (GatewayHarness gateway = GatewayHarness.start(snapshot)) {
        a.close();
        long killed = System.nanoTime();
        long window = 1_000_000_000L * 1 + 1_000_000_000L; // interval x tcp_failures + 1 s
        int failedAfterWindow = 0;
        int failedInWindow = 0;
        int sent = 0;
        while (System.nanoTime() - killed < window + 1_500_000_000L) {
          int status = client.send(HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
              .POST(HttpRequest.BodyPublishers.ofString("{}")).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString()).statusCode();
          sent++;
          if (status != 200) {
            if (System.nanoTime() - killed > window) {
              failedAfterWindow++;
            } else {
              failedInWindow++;
            }
          }
        }
        assertThat(sent).isGreaterThan(5);
        assertThat(failedAfterWindow).isZero();
        assertThat(failedInWindow).isZero(); // connect failures move on to the live target meanwhile
        assertThat(gateway.gateway().balancer().health(gateway.config().current(), "llm-pool")
            .healthOf("127.0.0.1:" + a.port())).isEqualTo("UNHEALTHY");
      }
    } finally {
      a.close();
    }
  }
}
