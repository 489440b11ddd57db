package dev.llmgateway.undertow.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.RawHttpConnection;
import dev.llmgateway.undertow.internal.testing.StubExchange;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kong's timeouts: read and write are idle timers between operations, never a total; connect bounds a connect. */
class TimeoutTest {
  private static final long READ_TIMEOUT = 1000;
  private StubUpstream stub;
  private GatewayHarness gateway;
  private final SynchronousQueue<StubExchange> upstreamExchanges = new SynchronousQueue<>();

  @BeforeEach
  void start() {
    stub = StubUpstream.start(ex -> ex.respond(200, "text/plain", "unused"));
  }

  private void gatewayTo(String url, Map<String, Object> serviceFields) {
    TestConfig config = TestConfig.with();
    Map<String, Object> service = new java.util.LinkedHashMap<>(serviceFields);
    service.put("name", "llm");
    service.put("url", url);
    UUID s = config.service(service);
    config.route(s, "/v1");
    gateway = GatewayHarness.start(config.snapshot());
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    stub.close();
  }

  @Test
  void aStreamThatKeepsSendingOutlivesTheReadTimeout() throws Exception {
    gatewayTo(stub.url(), Map.of("read_timeout", READ_TIMEOUT));
    int chunks = 6; // 6 x 300 ms: more than the read timeout in total, never one between two chunks
    stub.handler(ex -> {
      ex.startChunked(200, "text/event-stream");
      for (int i = 0; i < chunks; i++) {
        ex.write("data: " + i + "\n\n");
        Thread.sleep(300);
      }
      ex.end();
    });
    long start = System.nanoTime();
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      c.write("GET /v1/slow HTTP/1.1\r\nHost: gw\r\n\r\n");
      RawHttpConnection.Head head = c.readHead();
      String body = new String(c.readBody(head), StandardCharsets.UTF_8);
      assertThat(body).startsWith("data: 0\n\n").endsWith("data: 5\n\n");
      assertThat(body.split("\n\n")).hasSize(chunks);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(READ_TIMEOUT));
  }

  @Test
  void aShortReadTimeoutHoldsOnAConnectionTheLastRequestLeftWithALongOne() throws Exception {
    // Two services on one upstream address share its pooled connections, and with them the connection's read
    // timer: the long timeout of the first request must not delay the short one of the next.
    TestConfig config = TestConfig.with();
    UUID patient = config.service(Map.of("name", "patient", "url", stub.url(), "read_timeout", 60_000));
    config.route(patient, "/patient");
    UUID hasty = config.service(Map.of("name", "hasty", "url", stub.url(), "read_timeout", 500));
    config.route(hasty, "/hasty");
    gateway = GatewayHarness.start(config.snapshot());
    stub.handler(ex -> {
      if (ex.request().path().endsWith("/fast")) {
        ex.respond(200, "text/plain", "ok");
      } else {
        upstreamExchanges.put(ex);
        ex.awaitPeerClose(Duration.ofSeconds(15));
      }
    });
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      c.write("GET /patient/fast HTTP/1.1\r\nHost: gw\r\n\r\n");
      RawHttpConnection.Head first = c.readHead();
      assertThat(first.status()).isEqualTo(200);
      c.readBody(first);

      long start = System.nanoTime();
      c.write("GET /hasty/silent HTTP/1.1\r\nHost: gw\r\n\r\n");
      RawHttpConnection.Head second = c.readHead();
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(second.status()).isEqualTo(504);
      assertThat(elapsed).isBetween(450L, 5_000L);
    }
    assertThat(stub.accepted()).as("the second request reused the first one's connection").isEqualTo(1);
    assertThat(upstreamExchanges.poll(10, TimeUnit.SECONDS).awaitPeerClose(Duration.ofSeconds(10))).isTrue();
  }

  @Test
  void aClientTricklingItsHeadersIsCutAfterTheHeaderTimeoutAndNothingReachesTheUpstream() throws Exception {
    TestConfig config = TestConfig.with();
    config.route(config.service(Map.of("name", "llm", "url", stub.url())), "/v1");
    gateway = GatewayHarness.start(config.snapshot(), b -> b.clientHeaderTimeout(Duration.ofMillis(400)));
    try (Socket s = new Socket("127.0.0.1", gateway.port())) {
      s.setSoTimeout(10_000);
      long start = System.nanoTime();
      s.getOutputStream().write("GET /v1/models HTTP/1.1\r\nHost: gw\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      int first = s.getInputStream().read(); // nothing comes; the gateway closes the connection
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(first).isEqualTo(-1);
      assertThat(elapsed).isBetween(350L, 5_000L);
    }
    assertThat(stub.accepted()).isZero();
  }

  @Test
  void aClientThatStopsSendingASmallBodyGets408AndNothingReachesTheUpstream() throws Exception {
    gatewayWithBodyTimeout(Duration.ofMillis(400));
    long start = System.nanoTime();
    assertRequestTimeout("POST /v1/chat/completions HTTP/1.1\r\nHost: gw\r\nAccept: application/json\r\n"
        + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(350L, 5_000L);
    assertThat(stub.accepted()).isZero(); // a body this small is read whole before the upstream is called
  }

  @Test
  void aClientThatStopsSendingAStreamedBodyGets408AndTheUpstreamConnectionIsClosed() throws Exception {
    gatewayWithBodyTimeout(Duration.ofMillis(400));
    String part = "x".repeat(100_000); // past what is held before the call: the rest streams to the upstream
    assertRequestTimeout("POST /v1/upload HTTP/1.1\r\nHost: gw\r\nAccept: application/json\r\n"
        + "Content-Length: 200000\r\n\r\n" + part);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (stub.closedByPeer() < 1 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(stub.accepted()).isEqualTo(1);
    assertThat(stub.closedByPeer()).as("the half-sent request's upstream connection").isEqualTo(1);
  }

  private void gatewayWithBodyTimeout(Duration timeout) {
    TestConfig config = TestConfig.with();
    config.route(config.service(Map.of("name", "llm", "url", stub.url())), "/v1");
    gateway = GatewayHarness.start(config.snapshot(), b -> b.clientBodyTimeout(timeout));
  }

  private void assertRequestTimeout(String partialRequest) throws Exception {
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      c.write(partialRequest);
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.status()).isEqualTo(408);
      assertThat(head.header("Connection")).isEqualTo("close");
      assertThat(new String(c.readBody(head), StandardCharsets.UTF_8)).contains("\"message\":\"Request timeout\"");
    }
  }

  @Test
  void aSlowButSteadyBodyOutlivesTheBodyTimeout() throws Exception {
    gatewayWithBodyTimeout(Duration.ofMillis(400));
    stub.handler(ex -> ex.respond(200, "text/plain", "got " + ex.request().bodyText().length()));
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      c.write("POST /v1/upload HTTP/1.1\r\nHost: gw\r\nContent-Length: 6\r\n\r\n");
      for (int i = 0; i < 6; i++) { // 6 x 250 ms: longer than the timeout in total, never between two bytes
        Thread.sleep(250);
        c.write("x");
      }
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.status()).isEqualTo(200);
      assertThat(new String(c.readBody(head), StandardCharsets.UTF_8)).isEqualTo("got 6");
    }
  }

  @Test
  void aSilentUpstreamGets504AfterTheReadTimeoutAndItsConnectionClosed() throws Exception {
    gatewayTo(stub.url(), Map.of("read_timeout", READ_TIMEOUT));
    stub.handler(ex -> {
      upstreamExchanges.put(ex);
      ex.awaitPeerClose(Duration.ofSeconds(15));
    });
    long start = System.nanoTime();
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      c.write("POST /v1/completions HTTP/1.1\r\nHost: gw\r\nAccept: application/json\r\nContent-Length: 2\r\n\r\n{}");
      RawHttpConnection.Head head = c.readHead();
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(head.status()).isEqualTo(504);
      assertThat(new String(c.readBody(head), StandardCharsets.UTF_8))
          .contains("\"message\":\"The upstream server is timing out\"");
      assertThat(elapsed).isGreaterThanOrEqualTo((long) (0.9 * READ_TIMEOUT));
    }
    assertThat(upstreamExchanges.poll(10, TimeUnit.SECONDS).awaitPeerClose(Duration.ofSeconds(10))).isTrue();
  }

  @Test
  void aStreamThatFallsSilentIsCutAfterTheReadTimeoutWithoutAFinalChunk() throws Exception {
    gatewayTo(stub.url(), Map.of("read_timeout", READ_TIMEOUT));
    stub.handler(ex -> {
      ex.startChunked(200, "text/event-stream");
      ex.write("data: only\n\n");
      upstreamExchanges.put(ex);
      ex.awaitPeerClose(Duration.ofSeconds(15));
    });
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      c.write("GET /v1/stream HTTP/1.1\r\nHost: gw\r\n\r\n");
      c.readHead();
      assertThat(new String(c.readChunk(), StandardCharsets.UTF_8)).isEqualTo("data: only\n\n");
      assertThatThrownBy(c::readChunk).isInstanceOf(IOException.class);
    }
    assertThat(upstreamExchanges.poll(10, TimeUnit.SECONDS).awaitPeerClose(Duration.ofSeconds(10))).isTrue();
  }

  @Test
  void aConnectThatNeverCompletesTimesOutAndIsRetriedThen504() throws Exception {
    // A listener whose accept queue is full: the kernel drops further SYNs, so connects hang.
    try (ServerSocketChannel full = ServerSocketChannel.open()) {
      full.bind(new InetSocketAddress("127.0.0.1", 0), 1);
      List<Socket> fillers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Socket s = new Socket();
        try {
          s.connect(full.getLocalAddress(), 200);
          fillers.add(s);
        } catch (IOException e) {
          s.close();
          break;
        }
      }
      long connectTimeout = 300;
      gatewayTo("http://127.0.0.1:" + ((InetSocketAddress) full.getLocalAddress()).getPort(),
          Map.of("connect_timeout", connectTimeout, "retries", 1L));
      long start = System.nanoTime();
      try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
        c.write("GET /v1/models HTTP/1.1\r\nHost: gw\r\nAccept: application/json\r\n\r\n");
        RawHttpConnection.Head head = c.readHead();
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(head.status()).isEqualTo(504);
        assertThat(new String(c.readBody(head), StandardCharsets.UTF_8))
            .contains("The upstream server is timing out");
        assertThat(elapsed).as("two connect attempts").isGreaterThanOrEqualTo((long) (0.9 * 2 * connectTimeout));
      } finally {
        for (Socket s : fillers) {
          s.close();
        }
      }
    }
  }

  @Test
  void aClientThatStopsReadingIsCutAfterTheSendTimeoutAndTheUpstreamClosed() throws Exception {
    long sendTimeout = 500;
    TestConfig config = TestConfig.with();
    UUID s = config.service("llm", stub.url());
    config.route(s, "/v1");
    gateway = GatewayHarness.start(config.snapshot(), b -> b.clientSendTimeout(Duration.ofMillis(sendTimeout)));
    stub.handler(ex -> {
      upstreamExchanges.put(ex);
      ex.startFixed(200, "application/octet-stream", 1L << 30);
      byte[] block = new byte[64 * 1024];
      while (!ex.isClosed()) {
        ex.write(block, 0, block.length); // waits while the gateway stops reading
      }
    });
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port(), 32 * 1024)) {
      c.write("GET /v1/huge HTTP/1.1\r\nHost: gw\r\n\r\n");
      StubExchange upstream = upstreamExchanges.poll(10, TimeUnit.SECONDS);
      long start = System.nanoTime();
      // The client never reads: once every buffer is full the gateway waits, then gives up on the client.
      assertThat(upstream.awaitPeerClose(Duration.ofSeconds(10))).isTrue();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(
          (long) (0.9 * sendTimeout));
    }
  }
}
