package dev.llmgateway.undertow.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.Version;
import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.RawHttpConnection;
import dev.llmgateway.undertow.internal.testing.StubRequest;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Headers on both legs as Kong 3.10 sets them: hop-by-hop ones stripped, proxy headers added or replaced. */
class HeadersTest {
  static final String VIA = "1.1 " + Version.PRODUCT;
  static StubUpstream stub;
  static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    stub = StubUpstream.start(ex -> ex
        .header("Connection", "X-Upstream-Hop")
        .header("X-Upstream-Hop", "internal")
        .header("Keep-Alive", "timeout=5")
        .header("Proxy-Authenticate", "Basic")
        .header("Via", "1.1 uvicorn-proxy")
        .header("Server", "uvicorn")
        .header("X-Model", "llama")
        .respond(200, "application/json", "{}"));
    TestConfig config = TestConfig.with();
    UUID s = config.service("llm", stub.url());
    config.route(s, Map.of("paths", List.of("/v1/vllm"), "strip_path", true));
    config.route(s, Map.of("paths", List.of("/keep-host"), "preserve_host", true));
    gateway = GatewayHarness.start(config.snapshot());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    stub.close();
  }

  private static RawHttpConnection.Head send(String request) throws Exception {
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      c.write(request);
      RawHttpConnection.Head head = c.readHead();
      c.readBody(head);
      return head;
    }
  }

  @Test
  void requestHopByHopHeadersAreStrippedAndProxyHeadersSetLikeKong() throws Exception {
    RawHttpConnection.Head response = send("GET /v1/vllm/v1/models?q=1 HTTP/1.1\r\n"
        + "Host: Gateway.Example:8000\r\n"
        + "Connection: keep-alive, X-Client-Hop\r\n"
        + "X-Client-Hop: secret\r\n"
        + "Keep-Alive: timeout=5\r\n"
        + "TE: trailers\r\n"
        + "Proxy-Authorization: Basic abc\r\n"
        + "Proxy: http://evil.example\r\n"
        + "X-Forwarded-For: 203.0.113.9\r\n"
        + "X-Forwarded-Proto: https\r\n"
        + "X-Forwarded-Host: evil.example\r\n"
        + "X-Forwarded-Port: 1\r\n"
        + "X-Forwarded-Prefix: /evil\r\n"
        + "X-Real-IP: 198.51.100.7\r\n"
        + "Via: 1.0 corporate-proxy\r\n"
        + "X-Request-Id: client-chosen-id\r\n"
        + "X-Kong-Request-Id: forged\r\n"
        + "Authorization: Bearer sk-test\r\n"
        + "\r\n");
    StubRequest up = stub.takeRequest(Duration.ofSeconds(10));
    for (String hop : List.of("Connection", "X-Client-Hop", "Keep-Alive", "TE", "Proxy-Authorization", "Proxy")) {
      assertThat(up.header(hop)).as(hop).isNull();
    }
    assertThat(up.target()).isEqualTo("/v1/models?q=1");
    assertThat(up.header("Host")).isEqualTo("127.0.0.1:" + stub.port());
    assertThat(up.headers("X-Forwarded-For")).containsExactly("203.0.113.9, 127.0.0.1");
    assertThat(up.headers("X-Forwarded-Proto")).containsExactly("http");
    assertThat(up.headers("X-Forwarded-Host")).containsExactly("gateway.example");
    assertThat(up.headers("X-Forwarded-Port")).containsExactly(Integer.toString(gateway.port()));
    assertThat(up.headers("X-Forwarded-Path")).containsExactly("/v1/vllm/v1/models");
    assertThat(up.headers("X-Forwarded-Prefix")).containsExactly("/v1/vllm");
    assertThat(up.headers("X-Real-IP")).containsExactly("127.0.0.1");
    assertThat(up.headers("Via")).containsExactly("1.0 corporate-proxy, " + VIA);
    assertThat(up.header("X-Request-Id")).isEqualTo("client-chosen-id");
    assertThat(up.header("Authorization")).isEqualTo("Bearer sk-test");
    assertThat(up.headers("X-Kong-Request-Id")).containsExactly(response.header("X-Kong-Request-Id"));
    assertThat(response.header("X-Kong-Request-Id")).matches("[0-9a-f]{32}");
  }

  @Test
  void responseHopByHopHeadersAreStrippedAndKongHeadersAdded() throws Exception {
    RawHttpConnection.Head r = send("GET /v1/vllm/v1/models HTTP/1.1\r\nHost: gw\r\n\r\n");
    stub.takeRequest(Duration.ofSeconds(10));
    assertThat(r.header("X-Upstream-Hop")).isNull();
    assertThat(r.header("Keep-Alive")).isNull();
    assertThat(r.header("Proxy-Authenticate")).isNull();
    assertThat(r.header("Via")).isEqualTo("1.1 uvicorn-proxy, " + VIA);
    assertThat(r.header("Server")).isEqualTo("uvicorn");
    assertThat(r.header("X-Model")).isEqualTo("llama");
    assertThat(r.header("X-Kong-Upstream-Latency")).matches("\\d+");
    assertThat(r.header("X-Kong-Proxy-Latency")).matches("\\d+");
    assertThat(r.header("X-Kong-Response-Latency")).isNull();
  }

  @Test
  void preserveHostSendsTheClientsHost() throws Exception {
    send("GET /keep-host/x HTTP/1.1\r\nHost: api.example.com:8443\r\n\r\n");
    StubRequest up = stub.takeRequest(Duration.ofSeconds(10));
    assertThat(up.header("Host")).isEqualTo("api.example.com:8443");
    assertThat(up.target()).isEqualTo("/x");
    assertThat(up.header("X-Forwarded-Host")).isEqualTo("api.example.com");
  }
}
