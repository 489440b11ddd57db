package dev.llmgateway.undertow.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.Version;
import dev.llmgateway.undertow.embed.HostResolver;
import dev.llmgateway.undertow.internal.testing.FreePort;
import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.RawHttpConnection;
import dev.llmgateway.undertow.internal.testing.StubHandlers;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import dev.llmgateway.undertow.internal.testing.TestPlugins;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every answer the gateway gives itself is Kong's: status, exact body, request id, headers; never empty. */
class ErrorResponsesTest {
  static StubUpstream ok;
  static StubUpstream garbage;
  static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    ok = StubUpstream.start(StubHandlers.echo());
    garbage = StubUpstream.start(ex -> {
      ex.writeRaw("this is not HTTP\r\n\r\n");
      ex.close();
    });
    TestConfig config = TestConfig.with(TestPlugins.refusing("refuse", 401, "Unauthorized"),
        TestPlugins.failing("explode"), TestPlugins.bodyReader("reader", 16));
    config.route(null, "/no-service");
    config.route(config.service("down", "http://127.0.0.1:" + FreePort.closed()), "/down");
    config.route(config.service("garbage", garbage.url()), "/garbage");
    config.route(config.service("unresolvable", "http://nowhere.invalid:8080"), "/unresolvable");
    UUID okService = config.service("ok", ok.url());
    config.route(okService, Map.of("paths", List.of("/tls-only"), "protocols", List.of("https")));
    UUID refused = config.route(okService, "/refused");
    config.plugin("refuse", Map.of("route", Map.of("id", refused.toString()), "config", Map.of()));
    UUID exploding = config.route(okService, "/explode");
    config.plugin("explode", Map.of("route", Map.of("id", exploding.toString()), "config", Map.of()));
    UUID reading = config.route(okService, "/small-bodies");
    config.plugin("reader", Map.of("route", Map.of("id", reading.toString()), "config", Map.of()));
    config.route(okService, "/ok");
    HostResolver resolver = host -> CompletableFuture.failedFuture(new UnknownHostException(host));
    gateway = GatewayHarness.start(config.snapshot(), b -> b.resolver(resolver));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    ok.close();
    garbage.close();
  }

  private record Answer(RawHttpConnection.Head head, String body) {}

  private static Answer request(String head, String body) throws Exception {
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      c.write(head + "\r\n\r\n" + body);
      RawHttpConnection.Head h = c.readHead();
      return new Answer(h, new String(c.readBody(h), StandardCharsets.UTF_8));
    }
  }

  private static Answer get(String path, String... headers) throws Exception {
    String extra = headers.length == 0 ? "" : "\r\n" + String.join("\r\n", headers);
    return request("GET " + path + " HTTP/1.1\r\nHost: gw" + extra, "");
  }

  private static void assertKongJson(Answer a, int status, String message) {
    String id = a.head().header("X-Kong-Request-Id");
    assertThat(a.head().status()).isEqualTo(status);
    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(a.body()).isEqualTo("{\n  \"message\":\"" + message + "\",\n  \"request_id\":\"" + id + "\"\n}");
    assertThat(a.head().header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(a.head().header("Content-Length")).isEqualTo(Integer.toString(a.body().length()));
    assertThat(a.head().header("Server")).isEqualTo(Version.PRODUCT);
    assertThat(a.head().header("X-Kong-Response-Latency")).matches("\\d+");
    assertThat(a.head().header("Via")).isNull();
  }

  @Test
  void noRouteIs404() throws Exception {
    assertKongJson(get("/nothing-here"), 404, "no Route matched with those values");
  }

  @Test
  void routeWithoutServiceIs503() throws Exception {
    assertKongJson(get("/no-service/x"), 503, "no Service found with those values");
  }

  @Test
  void unreachableUpstreamIs502() throws Exception {
    assertKongJson(get("/down", "Accept: application/json"), 502,
        "An invalid response was received from the upstream server");
  }

  @Test
  void invalidUpstreamResponseIs502() throws Exception {
    assertKongJson(get("/garbage", "Accept: application/json"), 502,
        "An invalid response was received from the upstream server");
  }

  @Test
  void upstreamErrorsWithoutAcceptAreTextLikeKongsErrorHandler() throws Exception {
    Answer a = get("/down");
    assertThat(a.head().status()).isEqualTo(502);
    assertThat(a.head().header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(a.body()).isEqualTo("An invalid response was received from the upstream server\nrequest_id: "
        + a.head().header("X-Kong-Request-Id") + "\n");
  }

  @Test
  void nameResolutionFailureIs503() throws Exception {
    assertKongJson(get("/unresolvable"), 503, "name resolution failed");
  }

  @Test
  void aPathThatClimbsAboveTheRootIs400() throws Exception {
    Answer a = get("/ok/../../etc/passwd", "Accept: application/json");
    assertKongJson(a, 400, "Bad request");
    assertThat(ok.requests()).noneMatch(r -> r.path().contains("passwd"));
  }

  @Test
  void aContentLengthNoLongCanHoldIs400AndReachesNoUpstream() throws Exception {
    int before = ok.requests().size();
    Answer a = request("POST /ok/x HTTP/1.1\r\nHost: gw\r\nAccept: application/json\r\n"
        + "Content-Length: 99999999999999999999999", "");
    assertKongJson(a, 400, "Bad request");
    assertThat(a.head().header("Connection")).isEqualTo("close");
    assertThat(ok.requests()).hasSize(before);
  }

  @Test
  void aBodyLargerThanAPluginBuffersIs413() throws Exception {
    Answer a = request("POST /small-bodies HTTP/1.1\r\nHost: gw\r\nAccept: application/json\r\nContent-Length: 100",
        "x".repeat(100));
    assertKongJson(a, 413, "Payload too large");
  }

  @Test
  void aFailingPluginIs500AndItsMessageStaysInside() throws Exception {
    Answer a = get("/explode", "Accept: application/json");
    assertKongJson(a, 500, "An unexpected error occurred");
    assertThat(a.body()).doesNotContain("secret-token-42").doesNotContain("Exception");
  }

  @Test
  void aPluginVerdictIsRenderedLikeKongResponseError() throws Exception {
    assertKongJson(get("/refused"), 401, "Unauthorized");
  }

  @Test
  void anHttpsOnlyRouteOverHttpIs426() throws Exception {
    Answer a = get("/tls-only");
    assertKongJson(a, 426, "Please use HTTPS protocol");
    assertThat(a.head().header("Upgrade")).isEqualTo("TLS/1.2, HTTP/1.1");
  }

  @Test
  void connectIsRefusedInKongsShapeAndNeverTunnels() throws Exception {
    Answer a = request("CONNECT 127.0.0.1:" + ok.port() + " HTTP/1.1\r\nHost: 127.0.0.1:" + ok.port()
        + "\r\nAccept: application/json", "");
    assertKongJson(a, 405, "Method not allowed");
    assertThat(ok.requests()).noneMatch(r -> r.method().equals("CONNECT"));
  }

  @Test
  void errorFormatFollowsAccept() throws Exception {
    Answer html = get("/nothing-here", "Accept: text/html");
    assertThat(html.head().header("Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(html.body()).contains("<p>no Route matched with those values.</p>")
        .contains("request_id: " + html.head().header("X-Kong-Request-Id"));
    Answer text = get("/nothing-here", "Accept: text/plain");
    assertThat(text.body()).isEqualTo("no Route matched with those values\nrequest_id: "
        + text.head().header("X-Kong-Request-Id") + "\n");
  }

  @Test
  void anAbsoluteFormTargetRoutesOnItsPathOnly() throws Exception {
    Answer a = request("GET http://evil.example/ok/inside HTTP/1.1\r\nHost: evil.example", "");
    assertThat(a.head().status()).isEqualTo(200);
    assertThat(a.body()).contains("\"path\":\"/inside\"");
    String upstreamTarget = "http://127.0.0.1:" + ok.port() + "/elsewhere";
    assertKongJson(request("GET " + upstreamTarget + " HTTP/1.1\r\nHost: 127.0.0.1:" + ok.port(), ""), 404,
        "no Route matched with those values");
    // A target whose host differs from Host never gets this far: Undertow's parser answers 400.
    assertThat(request("GET http://evil.example/ok/x HTTP/1.1\r\nHost: gw", "").head().status()).isEqualTo(400);
    assertThat(ok.requests()).noneMatch(r -> r.path().equals("/x") || r.path().equals("/elsewhere"));
  }

  @Test
  void rewriteHeadersAreNeverHonoured() throws Exception {
    assertKongJson(get("/nothing-here", "X-Original-URL: /ok/x", "X-Rewrite-URL: /ok/x",
        "X-HTTP-Method-Override: GET"), 404, "no Route matched with those values");
  }
}
