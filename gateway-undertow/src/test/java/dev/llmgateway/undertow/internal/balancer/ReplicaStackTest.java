package dev.llmgateway.undertow.internal.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.config.ConfigSnapshot;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.internal.defaults.DefaultStack;
import dev.llmgateway.internal.defaults.StackSettings;
import dev.llmgateway.internal.pipeline.PluginRegistry;
import dev.llmgateway.internal.pipeline.PluginStates;
import dev.llmgateway.internal.plugins.acl.AclType;
import dev.llmgateway.internal.plugins.keyauth.KeyAuthType;
import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** VLLM_URL with two replicas: the default stack balances them and probes their /health. */
class ReplicaStackTest {
  @Test
  void twoVllmReplicasShareTheTrafficAndAreProbedOnHealth() throws Exception {
    try (StubUpstream a = StubUpstream.start(ex -> ex.respond(200, "application/json", "{\"replica\":\"a\"}"));
        StubUpstream b = StubUpstream.start(ex -> ex.respond(200, "application/json", "{\"replica\":\"b\"}"))) {
      PluginRegistry registry = PluginRegistry.of(new KeyAuthType(), new AclType());
      StackSettings settings = new StackSettings(a.url() + "," + b.url(), "http://127.0.0.1:9", "127.0.0.1", 8001,
          "admin-secret");
      Configuration cfg = DefaultStack.configuration(registry.entityTypes(), settings, 1_700_000_000L);
      ConfigSnapshot snapshot = ConfigSnapshot.build(cfg, registry, new PluginStates(), 1);
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      try (GatewayHarness gateway = GatewayHarness.start(snapshot)) {
        for (int i = 0; i < 10; i++) {
          HttpResponse<String> r = client.send(HttpRequest.newBuilder(gateway.uri("/v1/vllm/v1/chat/completions"))
              .POST(HttpRequest.BodyPublishers.ofString("{}")).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
          assertThat(r.statusCode()).isEqualTo(200);
        }
        long chatA = a.requests().stream().filter(r -> r.path().equals("/v1/chat/completions")).count();
        long chatB = b.requests().stream().filter(r -> r.path().equals("/v1/chat/completions")).count();
        assertThat(chatA + chatB).isEqualTo(10);
        assertThat(chatA).isPositive();
        assertThat(chatB).isPositive();
        long start = System.nanoTime();
        while (a.requests().stream().noneMatch(r -> r.path().equals("/health"))) {
          assertThat(System.nanoTime() - start).as("a /health probe within 7 s").isLessThan(7_000_000_000L);
          Thread.sleep(50);
        }
        assertThat(gateway.gateway().balancer().health(gateway.config().current(), DefaultStack.VLLM_UPSTREAM)
            .healthOf("127.0.0.1:" + a.port())).isEqualTo("HEALTHY");
      }
    }
  }
}
