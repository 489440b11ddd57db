package dev.llmgateway.undertow.internal;

import dev.llmgateway.undertow.embed.AccessLogOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.RawHttpConnection;
import dev.llmgateway.undertow.internal.testing.Sse;
import dev.llmgateway.undertow.internal.testing.StubHandlers;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import io.undertow.util.Headers;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bootstrap: listeners and their bound ports, the admin slot, the access log, and graceful drain. */
class UndertowGatewayTest {
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private StubUpstream stub;
  private TestConfig config;

  @BeforeEach
  void start() {
    stub = StubUpstream.start(StubHandlers.echo());
    config = TestConfig.with();
    UUID s = config.service("llm", stub.url());
    config.route(s, Map.of("name", "llm-route", "paths", List.of("/v1")));
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void servesSeveralProxyListenersAndAnAdminHandlerOnEphemeralPorts() throws Exception {
    try (GatewayHarness gateway = GatewayHarness.start(config.snapshot(), b -> b
        .proxyListener("127.0.0.1", 0)
        .adminListener("127.0.0.1", 0)
        .adminHandler(ex -> {
          ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
          ex.getResponseSender().send("{\"admin\":true}");
        }))) {
      UndertowGateway g = gateway.gateway();
      assertThat(g.proxyAddresses()).hasSize(2).allSatisfy(a -> assertThat(a.getPort()).isPositive());
      for (var address : g.proxyAddresses()) {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(java.net.URI.create(
            "http://127.0.0.1:" + address.getPort() + "/v1/models")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
      }
      HttpResponse<String> admin = client.send(HttpRequest.newBuilder(java.net.URI.create(
          "http://127.0.0.1:" + g.adminAddresses().get(0).getPort() + "/services")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(admin.body()).isEqualTo("{\"admin\":true}");
      assertThat(stub.requests()).noneMatch(r -> r.path().equals("/services"));
    }
  }

  @Test
  void aBusyPortFailsStartWithAClearError() throws Exception {
    try (GatewayHarness first = GatewayHarness.start(config.snapshot())) {
      UndertowGatewayBuilder second = UndertowGateway.builder(first.config())
          .proxyListener("127.0.0.1", first.port()).accessLog(AccessLogOptions.off());
      assertThatThrownBy(() -> second.build().start()).hasMessageContaining("cannot start the gateway");
    }
  }

  @Test
  void theAccessLogHasOneLinePerRequestWithoutQueryStringsOrHeaderValues(@TempDir Path dir) throws Exception {
    Path text = dir.resolve("access.log");
    Path json = dir.resolve("access.jsonl");
    for (Path file : List.of(text, json)) {
      AccessLogOptions options = file == json ? AccessLogOptions.file(file).asJson() : AccessLogOptions.file(file);
      try (GatewayHarness gateway = GatewayHarness.start(config.snapshot(), b -> b.accessLog(options))) {
        client.send(HttpRequest.newBuilder(gateway.uri("/v1/models?apikey=query-secret")).header("apikey",
            "header-secret").build(), HttpResponse.BodyHandlers.ofString());
        client.send(HttpRequest.newBuilder(gateway.uri("/nowhere")).build(), HttpResponse.BodyHandlers.ofString());
      }
    }
    List<String> lines = Files.readAllLines(text, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).matches("127\\.0\\.0\\.1 \\[.+Z\\] \"GET /v1/models\" 200 \\d+ total_ms=\\d+ "
        + "upstream_ms=\\d+ route=llm-route service=llm consumer=- request_id=[0-9a-f]{32}");
    assertThat(lines.get(1)).contains("\"GET /nowhere\" 404").contains("upstream_ms=- route=-");
    List<String> jsonLines = Files.readAllLines(json, StandardCharsets.UTF_8);
    Map<String, Object> first = Json.parseObject(jsonLines.get(0));
    assertThat(first).containsEntry("path", "/v1/models").containsEntry("status", 200L)
        .containsEntry("route", "llm-route").containsEntry("method", "GET");
    for (String line : lines) {
      assertThat(line).doesNotContain("secret").doesNotContain("apikey");
    }
    assertThat(String.join("\n", jsonLines)).doesNotContain("secret");
  }

  @Test
  void drainStopsAcceptingLetsRunningStreamsFinishAndIdleConnectionsDoNotDelayStop() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    stub.handler(ex -> {
      if (ex.request().path().equals("/stream")) {
        ex.startChunked(200, "text/event-stream");
        ex.write("data: before\n\n");
        release.await(10, TimeUnit.SECONDS);
        ex.write("data: after\n\n");
        ex.end();
      } else {
        ex.respond(200, "text/plain", "ok");
      }
    });
    GatewayHarness gateway = GatewayHarness.start(config.snapshot());
    UndertowGateway g = gateway.gateway();
    try (RawHttpConnection idle = RawHttpConnection.open(gateway.port());
        RawHttpConnection streaming = RawHttpConnection.open(gateway.port())) {
      idle.write("GET /v1/ping HTTP/1.1\r\nHost: gw\r\n\r\n");
      idle.readBody(idle.readHead()); // now an idle keep-alive connection
      streaming.write("GET /v1/stream HTTP/1.1\r\nHost: gw\r\n\r\n");
      streaming.readHead();
      Sse events = new Sse(streaming);
      assertThat(events.next()).isEqualTo("data: before\n\n");

      g.beginDrain();
      assertThat(g.isDraining()).isTrue();
      assertThat(g.inFlight()).isEqualTo(1);
      assertThatThrownBy(() -> RawHttpConnection.open(gateway.port()).write("GET / HTTP/1.1\r\n\r\n").readHead())
          .isInstanceOf(IOException.class);
      assertThat(g.awaitDrained(Duration.ofMillis(200))).isFalse();

      release.countDown();
      assertThat(events.next()).isEqualTo("data: after\n\n");
      assertThat(events.next()).isNull();
      assertThat(g.awaitDrained(Duration.ofSeconds(10))).isTrue();
      gateway.close(); // the idle connection is still open: stop must not wait for it
      assertThat(idle.awaitClosed(Duration.ofSeconds(10))).isTrue();
    }
  }

  @Test
  void connectorStatisticsAreAvailableForStatusWhenAskedFor() throws Exception {
    try (GatewayHarness gateway = GatewayHarness.start(config.snapshot(), b -> b.statistics(true))) {
      client.send(HttpRequest.newBuilder(gateway.uri("/v1/models")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(gateway.gateway().proxyStatistics()).hasSize(1);
      assertThat(gateway.gateway().proxyStatistics().get(0).getRequestCount()).isEqualTo(1);
    }
    try (GatewayHarness gateway = GatewayHarness.start(config.snapshot())) {
      assertThat(gateway.gateway().proxyStatistics()).containsOnlyNulls();
    }
  }
}
