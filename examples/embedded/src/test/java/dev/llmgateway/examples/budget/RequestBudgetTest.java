package dev.llmgateway.examples.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.schema.Row;
import dev.llmgateway.undertow.embed.EmbeddedGateway;
import dev.llmgateway.undertow.embed.PluginScope;
import com.sun.net.httpserver.HttpServer;
import dev.llmgateway.testkit.RecordingUpstream;
import dev.llmgateway.testkit.UpstreamReply;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The plugin of docs/writing-plugins.md, end to end through an embedded gateway and stub upstreams. */
class RequestBudgetTest {
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  HttpResponse<String> get(URI base) throws Exception {
    return client.send(HttpRequest.newBuilder(base.resolve("/v1/models")).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static long reporters() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().equals("request-budget-reporter")).count();
  }

  @Test
  void theBudgetHoldsAcrossAConfigChangeAndTheReplacedInstanceRetires() throws Exception {
    long before = reporters();
    try (RecordingUpstream llm = RecordingUpstream.start().respond(UpstreamReply.json("{}"));
        EmbeddedGateway gateway = EmbeddedGateway.builder().proxyListener("127.0.0.1", 0)
            .plugin(new RequestBudgetType()).start()) {
      gateway.entities().addService("llm", llm.url());
      gateway.entities().addRoute("llm", "llm-route", "/v1");
      Row plugin = gateway.entities().addPlugin(RequestBudgetType.NAME, PluginScope.service("llm"),
          Map.of("requests", 2, "window", "hour"));
      URI base = gateway.proxyUri();
      assertThat(get(base).headers().firstValue("X-Budget-Remaining")).contains("1");
      assertThat(get(base).headers().firstValue("X-Budget-Remaining")).contains("0");
      HttpResponse<String> spent = get(base);
      assertThat(spent.statusCode()).isEqualTo(429);
      assertThat(spent.body()).contains("\"message\":\"Request budget exhausted\"");
      assertThat(reporters() - before).isEqualTo(1);

      // A bigger budget: the new instance finds the count kept under the plugin's id; the old one retires.
      gateway.entities().update("plugins", plugin.uuid("id").toString(), Map.of("config", Map.of("requests", 3)));
      assertThat(get(base).headers().firstValue("X-Budget-Remaining")).contains("0");
      assertThat(get(base).statusCode()).isEqualTo(429);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (reporters() - before != 1 && System.nanoTime() < deadline) {
        Thread.sleep(5); // the reporter thread ends soon after retire() stops its executor
      }
      assertThat(reporters() - before).as("the replaced instance's reporter stopped").isEqualTo(1);
    }
  }

  @Test
  void anApprovalServiceThatNeverAnswersMeetsTheGatewaysTimeLimit() throws Exception {
    CountDownLatch asked = new CountDownLatch(1);
    // An approval service that accepts the request and never answers while the test runs.
    HttpServer approval = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    approval.createContext("/", exchange -> asked.countDown());
    approval.start();
    String approvalUrl = "http://127.0.0.1:" + approval.getAddress().getPort();
    try (RecordingUpstream llm = RecordingUpstream.start().respond(UpstreamReply.json("{}"));
        EmbeddedGateway gateway = EmbeddedGateway.builder().proxyListener("127.0.0.1", 0)
            .plugin(new RequestBudgetType()).pluginAccessTimeout(Duration.ofMillis(300)).start()) {
      gateway.entities().addService("llm", llm.url());
      gateway.entities().addRoute("llm", "llm-route", "/v1");
      gateway.entities().addPlugin(RequestBudgetType.NAME, PluginScope.service("llm"),
          Map.of("requests", 10, "approval", Map.of("url", approvalUrl + "/approve", "timeout_ms", 60_000)));
      long start = System.nanoTime();
      HttpResponse<String> answer = get(gateway.proxyUri());
      assertThat(answer.statusCode()).isEqualTo(500);
      assertThat(answer.body()).contains("\"message\":\"An unexpected error occurred\"");
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
      assertThat(asked.await(5, TimeUnit.SECONDS)).as("the plugin did ask the approval service").isTrue();
      assertThat(llm.count()).isZero();
    } finally {
      approval.stop(0);
    }
  }
}
