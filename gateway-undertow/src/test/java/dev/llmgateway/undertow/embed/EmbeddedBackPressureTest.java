package dev.llmgateway.undertow.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.balancer.BackPressure;
import dev.llmgateway.undertow.internal.testing.StubHandlers;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The embedding builder's {@code backPressure(...)} reaches the balancer: a kong.yml upstream of two replicas, one
 * of them always busy, with the retry on (the default) and off.
 */
class EmbeddedBackPressureTest {
  private static List<Integer> statuses(BackPressure rules) throws Exception {
    try (StubUpstream busy = StubUpstream.start(ex -> ex.respond(429, "application/json", "{\"error\":\"full\"}"));
        StubUpstream fine = StubUpstream.start(StubHandlers.echo())) {
      String config = "{\"_format_version\":\"3.0\",\"upstreams\":[{\"name\":\"llm-pool\",\"targets\":["
          + "{\"target\":\"127.0.0.1:" + busy.port() + "\"},{\"target\":\"127.0.0.1:" + fine.port() + "\"}]}],"
          + "\"services\":[{\"name\":\"llm\",\"url\":\"http://llm-pool\",\"routes\":[{\"paths\":[\"/v1\"]}]}]}";
      EmbeddedGatewayBuilder b = EmbeddedGateway.builder().proxyListener("127.0.0.1", 0).initialConfig(config)
          .ioThreads(1).workerThreads(2);
      if (rules != null) {
        b.backPressure(rules);
      }
      List<Integer> seen = new ArrayList<>();
      try (EmbeddedGateway gateway = b.start()) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 4; i++) {
          seen.add(client.send(HttpRequest.newBuilder(gateway.proxyUri().resolve("/v1/chat"))
              .POST(HttpRequest.BodyPublishers.ofString("{\"i\":" + i + "}")).timeout(Duration.ofSeconds(10))
              .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        }
      }
      return seen;
    }
  }

  @Test
  void byDefaultABusyReplicasAnswerIsRetriedOnTheOther() throws Exception {
    assertThat(statuses(null)).containsOnly(200);
  }

  @Test
  void withTheRetryOffTheBusyAnswerReachesTheClient() throws Exception {
    assertThat(statuses(new BackPressure(false, Set.of(429, 503), 300))).containsExactlyInAnyOrder(429, 429, 200, 200);
  }

  @Test
  void rulesOutsideTheBusyRangeAreRefused() {
    assertThatThrownBy(() -> new BackPressure(true, Set.of(200), 300)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'200' is not a busy status (400 to 599)");
    assertThatThrownBy(() -> new BackPressure(true, Set.of(429), -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
