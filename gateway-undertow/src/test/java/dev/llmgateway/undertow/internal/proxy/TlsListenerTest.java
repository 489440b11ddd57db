package dev.llmgateway.undertow.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.StubExchange;
import dev.llmgateway.undertow.internal.testing.StubHandlers;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import dev.llmgateway.undertow.internal.testing.TestTls;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TLS listener: HTTP/2 (events flushed one by one there too; a stream reset or a dropped connection stops the
 * upstream) and HTTP/1.1 over TLS, whose departures the connection probe notices through the TLS layer.
 */
class TlsListenerTest {
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
      .sslContext(TestTls.trusting(TestTls.LOCALHOST)).connectTimeout(Duration.ofSeconds(10)).build();
  private StubUpstream stub;
  private GatewayHarness gateway;

  @BeforeEach
  void start() {
    stub = StubUpstream.start(StubHandlers.echo());
    TestConfig config = TestConfig.with();
    UUID s = config.service("llm", stub.url());
    config.route(s, "/v1");
    gateway = GatewayHarness.start(config.snapshot(),
        b -> b.tlsProxyListener("127.0.0.1", 0, TestTls.server(TestTls.LOCALHOST)));
  }

  @AfterEach
  void stop() {
    gateway.close();
    stub.close();
  }

  private URI uri(String path) {
    return URI.create("https://localhost:" + gateway.gateway().tlsProxyAddresses().get(0).getPort() + path);
  }

  @Test
  void requestsWithBodiesAreProxiedOverHttp2() throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/v1/chat/completions"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\"}")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Json.parseObject(r.body())).containsEntry("path", "/chat/completions").containsEntry("body_length", 13L);
  }

  @Test
  void sseEventsArriveOneByOneOverHttp2() throws Exception {
    int events = 4;
    CountDownLatch[] read = new CountDownLatch[events];
    for (int i = 0; i < events; i++) {
      read[i] = new CountDownLatch(1);
    }
    stub.handler(ex -> {
      ex.startChunked(200, "text/event-stream");
      for (int i = 0; i < events; i++) {
        ex.write("data: " + i + "\n\n");
        read[i].await(10, TimeUnit.SECONDS);
      }
      ex.end();
    });
    HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(uri("/v1/stream")).timeout(Duration.ofSeconds(10))
        .build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      for (int i = 0; i < events; i++) {
        // Without a flush per read, HTTP/2 frames would wait in a 16 KB buffer and this would never arrive.
        assertThat(lines.readLine()).isEqualTo("data: " + i);
        assertThat(lines.readLine()).isEmpty();
        read[i].countDown();
      }
      assertThat(lines.readLine()).isNull();
    }
  }

  @Test
  void aResetStreamClosesTheUpstreamConnection() throws Exception {
    SynchronousQueue<StubExchange> upstream = new SynchronousQueue<>();
    stub.handler(ex -> {
      ex.startChunked(200, "text/event-stream");
      ex.write("data: first\n\n");
      upstream.put(ex);
      ex.awaitPeerClose(Duration.ofSeconds(15)); // then silent: only the reset can tell the gateway
    });
    HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(uri("/v1/stream")).timeout(Duration.ofSeconds(10))
        .build(), HttpResponse.BodyHandlers.ofInputStream());
    InputStream body = r.body();
    assertThat(new String(body.readNBytes("data: first\n\n".length()), StandardCharsets.UTF_8))
        .isEqualTo("data: first\n\n");
    StubExchange exchange = upstream.poll(10, TimeUnit.SECONDS);
    body.close(); // the client gives up: RST_STREAM
    assertThat(exchange.awaitPeerClose(Duration.ofSeconds(10))).isTrue();
  }

  @Test
  void aStreamResetWhileTheUpstreamIsStillThinkingClosesTheUpstreamConnection() throws Exception {
    SynchronousQueue<StubExchange> upstream = new SynchronousQueue<>();
    stub.handler(ex -> {
      upstream.put(ex);
      ex.awaitPeerClose(Duration.ofSeconds(15)); // no headers yet: a long prefill
    });
    java.util.concurrent.CompletableFuture<HttpResponse<String>> pending = client.sendAsync(
        HttpRequest.newBuilder(uri("/v1/completions")).timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    StubExchange exchange = upstream.poll(10, TimeUnit.SECONDS);
    assertThat(exchange).isNotNull();
    pending.cancel(true); // the JDK client resets the stream
    assertThat(exchange.awaitPeerClose(Duration.ofSeconds(10))).isTrue();
  }

  @Test
  @SuppressWarnings("try") // the client is closed inside its try block on purpose: that close is the event tested
  void aDroppedHttp2ConnectionClosesTheUpstreamConnectionsOfItsStreams() throws Exception {
    SynchronousQueue<StubExchange> upstream = new SynchronousQueue<>();
    stub.handler(ex -> {
      ex.startChunked(200, "text/event-stream");
      ex.write("data: first\n\n");
      upstream.put(ex);
      ex.awaitPeerClose(Duration.ofSeconds(15));
    });
    int port = gateway.gateway().tlsProxyAddresses().get(0).getPort();
    try (dev.llmgateway.undertow.internal.testing.Http2Socket h2 = dev.llmgateway.undertow.internal.testing.Http2Socket.connect(
        TestTls.trusting(TestTls.LOCALHOST), "localhost", port)) {
      java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
      headers.put(":method", "GET");
      headers.put(":scheme", "https");
      headers.put(":path", "/v1/stream");
      headers.put(":authority", "localhost:" + port);
      h2.get(1, headers);
      assertThat(new String(h2.readData(1), StandardCharsets.UTF_8)).isEqualTo("data: first\n\n");
      StubExchange exchange = upstream.poll(10, TimeUnit.SECONDS);
      h2.close();
      assertThat(exchange.awaitPeerClose(Duration.ofSeconds(10))).isTrue();
    }
  }

  @Test
  void anHttp11ClientOverTlsThatLeavesWhileTheUpstreamThinksClosesTheUpstreamConnection() throws Exception {
    SynchronousQueue<StubExchange> upstream = new SynchronousQueue<>();
    stub.handler(ex -> {
      upstream.put(ex);
      ex.awaitPeerClose(Duration.ofSeconds(15));
    });
    int port = gateway.gateway().tlsProxyAddresses().get(0).getPort();
    javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) TestTls.trusting(TestTls.LOCALHOST).getSocketFactory()
        .createSocket("localhost", port);
    javax.net.ssl.SSLParameters params = socket.getSSLParameters();
    params.setApplicationProtocols(new String[] {"http/1.1"});
    socket.setSSLParameters(params);
    socket.getOutputStream().write("POST /v1/completions HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n{}"
        .getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    StubExchange exchange = upstream.poll(10, TimeUnit.SECONDS);
    assertThat(exchange).isNotNull();
    socket.close();
    assertThat(exchange.awaitPeerClose(Duration.ofSeconds(10))).isTrue();
  }
}
