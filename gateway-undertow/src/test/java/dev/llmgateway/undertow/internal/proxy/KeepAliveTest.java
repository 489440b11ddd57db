package dev.llmgateway.undertow.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.RawHttpConnection;
import dev.llmgateway.undertow.internal.testing.StubHandlers;
import dev.llmgateway.undertow.internal.testing.StubRequest;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Upstream keep-alive: connections are reused, retired before the upstream would, and a stale one is survived. */
class KeepAliveTest {
  private static final int IO_THREADS = 2;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private StubUpstream stub;
  private GatewayHarness gateway;

  @BeforeEach
  void start() {
    stub = StubUpstream.start(StubHandlers.echo());
  }

  private void gateway(Consumer<dev.llmgateway.undertow.internal.UndertowGatewayBuilder> customize) {
    TestConfig config = TestConfig.with();
    UUID s = config.service("llm", stub.url());
    config.route(s, "/v1");
    gateway = GatewayHarness.start(config.snapshot(), customize);
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    stub.close();
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(gateway.uri(path)).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aThousandSequentialRequestsShareAFewUpstreamConnections() throws Exception {
    gateway(b -> b.ioThreads(IO_THREADS));
    for (int i = 0; i < 1000; i++) {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(gateway.uri("/v1/models?i=" + i))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
    }
    assertThat(stub.requests()).hasSize(1000);
    assertThat(stub.accepted()).isBetween(1, 2 * IO_THREADS);
  }

  @Test
  void aReusedConnectionResetBeforeAnyByteIsRetriedOnceOnAFreshOne() throws Exception {
    stub.handler(ex -> {
      if (ex.request().indexOnConnection() == 2) {
        ex.reset(); // the upstream dropped the idle connection just as the request arrived
      } else {
        ex.respond(200, "application/json", StubHandlers.describe(ex.request()));
      }
    });
    gateway(b -> b.ioThreads(1));
    assertThat(post("/v1/chat/completions", "{\"n\":1}").statusCode()).isEqualTo(200);
    HttpResponse<String> second = post("/v1/chat/completions", "{\"n\":2}");
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(Json.parseObject(second.body())).containsEntry("body_length", 7L);
    assertThat(stub.accepted()).isEqualTo(2);
    assertThat(stub.requests()).hasSize(3);
  }

  @Test
  void aStreamedBodyIsNeverSentTwice() throws Exception {
    stub.handler(ex -> {
      if (ex.request().indexOnConnection() == 2) {
        ex.reset();
      } else {
        ex.respond(200, "text/plain", "ok");
      }
    });
    gateway(b -> b.ioThreads(1));
    assertThat(post("/v1/x", "small").statusCode()).isEqualTo(200);
    HttpResponse<String> big = post("/v1/x", "y".repeat(100 * 1024)); // over 64 KiB: streamed, not held
    assertThat(big.statusCode()).isEqualTo(502);
    assertThat(stub.accepted()).isEqualTo(1);
  }

  @Test
  void streamedBodiesArriveWholeWithTheirFramingAndTheirConnectionCarriesTheNextRequest() throws Exception {
    gateway(b -> b.ioThreads(1));
    byte[] data = new byte[200 * 1024]; // over the 64 KiB held: streamed to the upstream as it arrives
    new java.util.Random(7).nextBytes(data);
    String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      c.write("POST /v1/chunked HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n");
      for (int off = 0; off < data.length; off += 10_000) {
        int n = Math.min(10_000, data.length - off);
        c.write(Integer.toHexString(n) + "\r\n");
        c.write(java.util.Arrays.copyOfRange(data, off, off + n));
        c.write("\r\n");
      }
      c.write("0\r\n\r\n");
      RawHttpConnection.Head first = c.readHead();
      assertThat(first.status()).isEqualTo(200);
      c.readBody(first);
      c.write("POST /v1/fixed HTTP/1.1\r\nHost: gw\r\nContent-Length: " + data.length + "\r\n\r\n");
      c.write(data);
      RawHttpConnection.Head second = c.readHead();
      assertThat(second.status()).isEqualTo(200);
    }
    StubRequest chunked = stub.requests().get(0);
    assertThat(chunked.header("Transfer-Encoding")).isEqualTo("chunked");
    assertThat(chunked.header("Content-Length")).isNull();
    assertThat(chunked.bodySha256()).isEqualTo(sha);
    StubRequest fixed = stub.requests().get(1);
    assertThat(fixed.header("Content-Length")).isEqualTo(Integer.toString(data.length));
    assertThat(fixed.bodySha256()).isEqualTo(sha);
    assertThat(stub.accepted()).as("both on one upstream connection").isEqualTo(1);
  }

  @Test
  void idleConnectionsAreRetiredBeforeTheUpstreamsKeepAliveEnds() throws Exception {
    stub.keepAliveTimeout(Duration.ofMillis(300)); // like uvicorn, only shorter
    gateway(b -> b.ioThreads(1).upstreamKeepalive(512, Duration.ofMillis(100)));
    int requests = 4;
    for (int i = 0; i < requests; i++) {
      assertThat(post("/v1/x", "{}").statusCode()).isEqualTo(200);
      Thread.sleep(400); // idle longer than both timeouts
    }
    assertThat(stub.accepted()).isEqualTo(requests);
    // Every upstream connection was closed by the gateway: none was left for the upstream to close under a request.
    assertThat(stub.closedByPeer()).isEqualTo(requests);
    assertThat(stub.closed()).isEqualTo(requests);
  }
}
