package dev.llmgateway.undertow.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.RawHttpConnection;
import dev.llmgateway.undertow.internal.testing.StubExchange;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import dev.llmgateway.undertow.internal.testing.TestPlugins;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that leaves makes the gateway close the upstream connection at once, whatever the upstream is doing:
 * streaming, silent mid-stream, or still working on a non-streaming answer. Pipelined bytes are not mistaken for
 * a departure.
 */
class ClientDisconnectTest {
  private final SynchronousQueue<StubExchange> upstreamExchanges = new SynchronousQueue<>();
  private final BlockingQueue<TestPlugins.Logged> logged = new LinkedBlockingQueue<>();
  private StubUpstream stub;
  private GatewayHarness gateway;

  @BeforeEach
  void start() {
    stub = StubUpstream.start(ex -> ex.respond(200, "text/plain", "unused"));
    TestConfig config = TestConfig.with(TestPlugins.recordingLog("recorder", logged));
    UUID s = config.service("llm", stub.url());
    config.route(s, "/v1");
    config.plugin("recorder", Map.of("config", Map.of()));
    gateway = GatewayHarness.start(config.snapshot());
  }

  @AfterEach
  void stop() {
    gateway.close();
    stub.close();
  }

  /** The handler hands its exchange to the test and keeps the stream open until the connection closes. */
  private void upstreamHandsOver(boolean streaming) {
    stub.handler(ex -> {
      if (streaming) {
        ex.startChunked(200, "text/event-stream");
        ex.write("data: first\n\n");
      }
      upstreamExchanges.put(ex);
      ex.awaitPeerClose(Duration.ofSeconds(15));
    });
  }

  @Test
  void leavingDuringAStreamClosesTheUpstreamConnection() throws Exception {
    CountDownLatch clientLeft = new CountDownLatch(1);
    stub.handler(ex -> {
      ex.startChunked(200, "text/event-stream");
      upstreamExchanges.put(ex);
      for (int i = 0; !ex.isClosed() && i < 1000; i++) {
        ex.write("data: token " + i + "\n\n");
        Thread.sleep(i < 3 ? 0 : 10);
      }
    });
    RawHttpConnection c = RawHttpConnection.open(gateway.port());
    c.write("GET /v1/stream HTTP/1.1\r\nHost: gw\r\n\r\n");
    c.readHead();
    StubExchange upstream = upstreamExchanges.poll(10, TimeUnit.SECONDS);
    assertThat(new String(c.readChunk(), StandardCharsets.UTF_8)).startsWith("data: token 0");
    c.abort();
    clientLeft.countDown();
    assertThat(upstream.awaitPeerClose(Duration.ofSeconds(10))).isTrue();
    TestPlugins.Logged log = logged.poll(10, TimeUnit.SECONDS);
    assertThat(log.status()).isEqualTo(200);
    assertThat(log.failure()).isEqualTo("client closed");
  }

  @Test
  void leavingDuringASilentStretchClosesTheUpstreamConnection() throws Exception {
    upstreamHandsOver(true);
    RawHttpConnection c = RawHttpConnection.open(gateway.port());
    c.write("GET /v1/stream HTTP/1.1\r\nHost: gw\r\n\r\n");
    c.readHead();
    assertThat(new String(c.readChunk(), StandardCharsets.UTF_8)).isEqualTo("data: first\n\n");
    StubExchange upstream = upstreamExchanges.poll(10, TimeUnit.SECONDS);
    c.close(); // nothing is written from here on: only watching the client connection can notice
    assertThat(upstream.awaitPeerClose(Duration.ofSeconds(10))).isTrue();
  }

  @Test
  void leavingWhileTheUpstreamComputesANonStreamingAnswerClosesItAndLogs499() throws Exception {
    upstreamHandsOver(false);
    RawHttpConnection c = RawHttpConnection.open(gateway.port());
    c.write("POST /v1/completions HTTP/1.1\r\nHost: gw\r\nContent-Length: 2\r\n\r\n{}");
    StubExchange upstream = upstreamExchanges.poll(10, TimeUnit.SECONDS);
    assertThat(upstream).isNotNull();
    c.close();
    assertThat(upstream.awaitPeerClose(Duration.ofSeconds(10))).isTrue();
    TestPlugins.Logged log = logged.poll(10, TimeUnit.SECONDS);
    assertThat(log.status()).isEqualTo(499);
  }

  @Test
  void aPipelinedRequestIsNotTakenForADisconnectAndIsServedNext() throws Exception {
    CountDownLatch secondSent = new CountDownLatch(1);
    stub.handler(ex -> {
      if (ex.request().path().equals("/first")) {
        secondSent.await(10, TimeUnit.SECONDS);
        Thread.sleep(100); // let the probe read the pipelined bytes while this request still waits
      }
      ex.respond(200, "text/plain", "answer to " + ex.request().path());
    });
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      c.write("GET /v1/first HTTP/1.1\r\nHost: gw\r\n\r\n");
      assertThat(stub.takeRequest(Duration.ofSeconds(10)).path()).isEqualTo("/first");
      c.write("GET /v1/second HTTP/1.1\r\nHost: gw\r\n\r\n");
      secondSent.countDown();
      RawHttpConnection.Head first = c.readHead();
      assertThat(new String(c.readBody(first), StandardCharsets.UTF_8)).isEqualTo("answer to /first");
      RawHttpConnection.Head second = c.readHead();
      assertThat(new String(c.readBody(second), StandardCharsets.UTF_8)).isEqualTo("answer to /second");
    }
    assertThat(stub.closedByPeer()).isZero();
  }
}
