package dev.llmgateway.undertow.internal.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.config.ConfigSnapshot;
import dev.llmgateway.plugin.LogContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.internal.plugins.keyauth.KeyAuthCredential;
import dev.llmgateway.internal.plugins.keyauth.KeyAuthType;
import dev.llmgateway.undertow.embed.AccessLogOptions;
import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import dev.llmgateway.undertow.internal.testing.TestPlugins;
import dev.llmgateway.undertow.internal.testing.TestTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebSocket handshakes through a real gateway to a real WebSocket echo server (Undertow's), with the JDK's client
 * and with exact bytes on a plain socket: messages both ways, plugins before the upgrade, closes propagated,
 * timeouts, refusals relayed, other upgrades still stripped, and the log line written when the tunnel ends.
 */
class WebSocketProxyTest {
  /** What one log phase saw. */
  record Logged(int status, long bytesSent, long bytesReceived, long totalMillis, String failure) {}

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static EchoUpstream echo;

  @BeforeAll
  static void startEcho() {
    echo = EchoUpstream.start();
  }

  @AfterAll
  static void stopEcho() {
    echo.close();
  }

  private final BlockingQueue<Logged> logged = new LinkedBlockingQueue<>();

  /** Routes /ws to {@code url} (with {@code serviceFields}), /auth to it behind key-auth (key "k-123"). */
  private ConfigSnapshot config(String url, Map<String, Object> serviceFields) {
    TestConfig cfg = TestConfig.with(new KeyAuthType(), TestPlugins.of("recorder", 1, new Plugin() {
      @Override
      public void log(LogContext ctx) {
        logged.add(new Logged(ctx.status(), ctx.bytesSent(), ctx.bytesReceived(), ctx.totalMillis(), ctx.failure()));
      }
    }));
    Map<String, Object> fields = new java.util.LinkedHashMap<>(serviceFields);
    fields.put("name", "ws");
    fields.put("url", url);
    UUID service = cfg.service(fields);
    cfg.route(service, Map.of("paths", List.of("/ws"), "strip_path", false));
    UUID auth = cfg.route(service, Map.of("paths", List.of("/auth"), "strip_path", true));
    cfg.plugin("key-auth", Map.of("route", Map.of("id", auth.toString()),
        "config", Map.of("key_names", List.of("apikey"))));
    cfg.plugin("recorder", Map.of());
    UUID consumer = cfg.consumer("app");
    cfg.entity(KeyAuthCredential.TYPE, Map.of("consumer", Map.of("id", consumer.toString()), "key", "k-123"));
    return cfg.snapshot();
  }

  private GatewayHarness gateway(String url) {
    return GatewayHarness.start(config(url, Map.of()));
  }

  private static URI ws(GatewayHarness g, String path) {
    return URI.create("ws://127.0.0.1:" + g.port() + path);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void textBinaryPingAndPongCrossTheGatewayAndTheHandshakeReachesTheUpstreamAsAHandshake() throws Exception {
    try (GatewayHarness g = gateway(echo.url())) {
      int before = echo.requests().size();
      WsClient c = WsClient.connect(HTTP, ws(g, "/ws/chat?room=1"), "Sec-WebSocket-Protocol", "chat");
      c.socket.sendText("hello", true).get(5, TimeUnit.SECONDS);
      assertThat(c.next()).isEqualTo("hello");
      c.socket.sendBinary(ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xff}), true).get(5, TimeUnit.SECONDS);
      assertThat((byte[]) c.next()).containsExactly(0, 1, 2, 0xff);
      c.socket.sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8))).get(5, TimeUnit.SECONDS);
      assertThat(((WsClient.Pong) c.next()).data()).asString().isEqualTo("are you there");
      c.socket.sendText("two", false).get(5, TimeUnit.SECONDS);
      c.socket.sendText(" fragments", true).get(5, TimeUnit.SECONDS);
      assertThat(c.next()).isEqualTo("two fragments");

      Map<String, String> h = echo.requests().get(before);
      assertThat(h).containsEntry("upgrade", "websocket").containsEntry("connection", "Upgrade")
          .containsEntry("sec-websocket-version", "13").containsEntry("sec-websocket-protocol", "chat")
          .containsKey("sec-websocket-key").containsKey("x-forwarded-for").containsKey("x-kong-request-id");
      assertThat(h.get("x-forwarded-path")).isEqualTo("/ws/chat");
      c.socket.sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
      assertThat(c.awaitEnd(Duration.ofSeconds(5))).isTrue();
      assertThat(c.endedBy).isEqualTo("close 1000");
    }
  }

  @Test
  void overTlsOnBothLegsMessagesAndAQuarterMebibyteFlow() throws Exception {
    try (EchoUpstream secure = EchoUpstream.tls(TestTls.server(TestTls.LOCALHOST));
        GatewayHarness g = GatewayHarness.start(config(secure.url(), Map.of()),
            b -> b.tlsProxyListener("127.0.0.1", 0, TestTls.server(TestTls.LOCALHOST))
                .upstreamTrust(TestTls.trusting(TestTls.LOCALHOST)))) {
      HttpClient https = HttpClient.newBuilder().sslContext(TestTls.trusting(TestTls.LOCALHOST)).build();
      int port = g.gateway().tlsProxyAddresses().get(0).getPort();
      WsClient c = WsClient.connect(https, URI.create("wss://127.0.0.1:" + port + "/ws"));
      c.socket.sendText("secret", true).get(5, TimeUnit.SECONDS);
      assertThat(c.next()).isEqualTo("secret");
      byte[] big = new byte[256 << 10]; // many TLS records each way; the mebibyte runs in plain text below
      new Random(11).nextBytes(big);
      c.socket.sendBinary(ByteBuffer.wrap(big), true).get(10, TimeUnit.SECONDS);
      assertThat(Arrays.equals((byte[]) c.next(), big)).isTrue();
      assertThat(secure.requests().get(0)).containsEntry("x-forwarded-proto", "https");
      c.socket.sendClose(1000, "").get(5, TimeUnit.SECONDS);
      assertThat(c.awaitEnd(Duration.ofSeconds(5))).isTrue();
      await(() -> secure.closed() == 1, "the upstream's WebSocket closed");
    }
  }

  @Test
  void aOneMebibyteMessageFlowsBothWays() throws Exception {
    try (GatewayHarness g = gateway(echo.url())) {
      WsClient c = WsClient.connect(HTTP, ws(g, "/ws"));
      byte[] big = new byte[1 << 20];
      new Random(7).nextBytes(big);
      c.socket.sendBinary(ByteBuffer.wrap(big), true).get(10, TimeUnit.SECONDS);
      assertThat(Arrays.equals((byte[]) c.next(), big)).as("1 MiB echoed intact").isTrue();
      char[] chars = new char[1 << 20];
      Arrays.fill(chars, 'x');
      c.socket.sendText(new String(chars), true).get(10, TimeUnit.SECONDS);
      assertThat(((String) c.next()).length()).isEqualTo(1 << 20);
      c.socket.abort();
    }
  }

  @Test
  void keyAuthRefusesTheHandshakeBeforeAnyByteReachesTheUpstream() throws Exception {
    try (EchoUpstream own = EchoUpstream.start(); GatewayHarness g = gateway(own.url());
        RawWebSocket raw = RawWebSocket.open(g.port())) {
      raw.write(RawWebSocket.handshake("/auth", ""));
      String head = raw.readHead();
      assertThat(head).startsWith("HTTP/1.1 401 ");
      assertThat(head.toLowerCase()).doesNotContain("upgrade: websocket");
      assertThat(own.requests()).as("upstream never contacted").isEmpty();

      WsClient c = WsClient.connect(HTTP, ws(g, "/auth"), "apikey", "k-123");
      c.socket.sendText("let me in", true).get(5, TimeUnit.SECONDS);
      assertThat(c.next()).isEqualTo("let me in");
      assertThat(own.requests()).hasSize(1);
      assertThat(own.requests().get(0)).containsKey("x-consumer-username");
      c.socket.abort();
    }
  }

  @Test
  void whenTheClientLeavesTheUpstreamIsClosedAndTheLogPhaseSeesTheTunnel(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("access.log");
    try (EchoUpstream own = EchoUpstream.start();
        GatewayHarness g = GatewayHarness.start(config(own.url(), Map.of()),
            b -> b.accessLog(AccessLogOptions.file(log)))) {
      WsClient c = WsClient.connect(HTTP, ws(g, "/ws"));
      c.socket.sendText("0123456789", true).get(5, TimeUnit.SECONDS);
      assertThat(c.next()).isEqualTo("0123456789");
      assertThat(logged).as("nothing logged while the tunnel is open").isEmpty();
      assertThat(g.gateway().inFlight()).isEqualTo(1);
      c.socket.abort();
      await(() -> own.closed() == 1, "the upstream's WebSocket closed");
      Logged l = logged.poll(5, TimeUnit.SECONDS);
      assertThat(l).isNotNull();
      assertThat(l.status()).isEqualTo(101);
      assertThat(l.bytesReceived()).as("client frames: 10 bytes masked, plus headers").isGreaterThanOrEqualTo(16);
      assertThat(l.bytesSent()).as("the echo frame").isGreaterThanOrEqualTo(12);
      await(() -> g.gateway().inFlight() == 0, "request ended");
      await(() -> {
        try {
          return Files.exists(log) && Files.readString(log).contains("\"GET /ws\" 101 ");
        } catch (java.io.IOException e) {
          return false;
        }
      }, "the access log line, written when the tunnel closed");
    }
  }

  @Test
  void whenTheUpstreamLeavesTheClientIsClosed() throws Exception {
    try (GatewayHarness g = gateway(echo.url()); RawWebSocket raw = RawWebSocket.open(g.port())) {
      raw.write(RawWebSocket.handshake("/ws", ""));
      assertThat(raw.readHead()).startsWith("HTTP/1.1 101 ");
      raw.write(RawWebSocket.text("ping?"));
      assertThat(raw.readFrame().text()).isEqualTo("ping?");
      raw.write(RawWebSocket.text("close-now"));
      assertThat(raw.awaitClosed(5000)).as("client connection closed after the upstream's").isTrue();
      Logged l = logged.poll(5, TimeUnit.SECONDS);
      assertThat(l.status()).isEqualTo(101);
      assertThat(l.failure()).isNull();
    }
  }

  @Test
  void theClientsHalfCloseIsPassedOnAndEndsTheTunnel() throws Exception {
    try (GatewayHarness g = gateway(echo.url()); RawWebSocket raw = RawWebSocket.open(g.port())) {
      raw.write(RawWebSocket.handshake("/ws", ""));
      assertThat(raw.readHead()).startsWith("HTTP/1.1 101 ");
      int closedBefore = echo.closed();
      raw.shutdownOutput();
      assertThat(raw.awaitClosed(5000)).isTrue();
      await(() -> echo.closed() > closedBefore, "the upstream saw the end of the client's stream");
    }
  }

  @Test
  void theUpgradeHandshakeResponseCarriesTheUpstreamsHeadersAndBytesPipelinedBehindTheRequestAreNotLost()
      throws Exception {
    try (GatewayHarness g = gateway(echo.url()); RawWebSocket raw = RawWebSocket.open(g.port())) {
      // The handshake and two frames in one write: the frames must reach the upstream, not be parsed as HTTP.
      raw.write(RawWebSocket.handshake("/ws", "Sec-WebSocket-Protocol: chat\r\n").getBytes(StandardCharsets.ISO_8859_1),
          RawWebSocket.text("GET /not-http HTTP/1.1"), RawWebSocket.text("second"));
      String head = raw.readHead();
      assertThat(head).startsWith("HTTP/1.1 101 ");
      assertThat(head).containsIgnoringCase("\r\nupgrade: websocket\r\n").containsIgnoringCase("\r\nconnection: upgrade")
          .containsIgnoringCase("sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
          .containsIgnoringCase("via: 1.1 ")
          .containsIgnoringCase("x-kong-request-id: ").doesNotContainIgnoringCase("content-length")
          .doesNotContainIgnoringCase("transfer-encoding");
      assertThat(raw.readFrame().text()).isEqualTo("GET /not-http HTTP/1.1");
      assertThat(raw.readFrame().text()).isEqualTo("second");
    }
  }

  @Test
  void anEarlyUpstreamMessageRightBehindThe101ReachesTheClient() throws Exception {
    try (EchoUpstream greeting = EchoUpstream.greeting("welcome"); GatewayHarness g = gateway(greeting.url());
        RawWebSocket raw = RawWebSocket.open(g.port())) {
      raw.write(RawWebSocket.handshake("/ws", ""));
      assertThat(raw.readHead()).startsWith("HTTP/1.1 101 ");
      assertThat(raw.readFrame().text()).isEqualTo("welcome");
    }
  }

  @Test
  void theServiceReadTimeoutClosesAnIdleTunnelButNotABusyOne() throws Exception {
    try (GatewayHarness g = GatewayHarness.start(config(echo.url(), Map.of("read_timeout", 400L)));
        RawWebSocket raw = RawWebSocket.open(g.port())) {
      raw.write(RawWebSocket.handshake("/ws", ""));
      assertThat(raw.readHead()).startsWith("HTTP/1.1 101 ");
      long start = System.nanoTime();
      long idleFrom = start;
      for (int i = 0; i < 8; i++) { // 800 ms of traffic, each exchange well inside the timeout
        raw.write(RawWebSocket.text("tick " + i));
        assertThat(raw.readFrame().text()).isEqualTo("tick " + i);
        idleFrom = System.nanoTime(); // the tunnel's last byte passed just before this
        Thread.sleep(100);
      }
      assertThat(System.nanoTime() - start).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(700));
      assertThat(raw.awaitClosed(5000)).as("closed once idle").isTrue();
      // 400 ms after the last byte, which the gateway relayed a little before the client read it
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - idleFrom)).isBetween(350L, 4000L);
      Logged l = logged.poll(5, TimeUnit.SECONDS);
      assertThat(l.status()).isEqualTo(101);
      assertThat(l.failure()).isEqualTo("idle timeout");
      assertThat(l.totalMillis()).isGreaterThanOrEqualTo(1100);
    }
  }

  @Test
  void aRefusalFromTheUpstreamIsRelayedAsAnOrdinaryResponseAndNothingIsUpgraded() throws Exception {
    try (StubUpstream stub = StubUpstream.start(ex -> ex.respond(403, "text/plain", "no sockets here"));
        GatewayHarness g = gateway(stub.url()); RawWebSocket raw = RawWebSocket.open(g.port())) {
      raw.write(RawWebSocket.handshake("/ws", ""));
      String head = raw.readHead();
      assertThat(head).startsWith("HTTP/1.1 403 ").containsIgnoringCase("content-length: 15")
          .doesNotContainIgnoringCase("upgrade:");
      assertThat(new String(raw.readBytes(15), StandardCharsets.US_ASCII)).isEqualTo("no sockets here");
      assertThat(stub.requests().get(0).header("Upgrade")).isEqualTo("websocket");
      raw.write("GET /ws/next HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      assertThat(raw.readHead()).as("the connection still speaks HTTP").startsWith("HTTP/1.1 403 ");
      assertThat(stub.requests().get(1).header("Upgrade")).isNull();
      assertThat(stub.accepted()).as("the handshake's upstream connection was never pooled").isEqualTo(2);
    }
  }

  @Test
  void aClientThatLeavesWhileTheUpstreamHasNotAnsweredTheHandshakeClosesTheUpstreamConnection() throws Exception {
    try (StubUpstream silent = StubUpstream.start(ex -> { });
        GatewayHarness g = gateway(silent.url())) {
      try (RawWebSocket raw = RawWebSocket.open(g.port())) {
        raw.write(RawWebSocket.handshake("/ws", ""));
        silent.takeRequest(Duration.ofSeconds(5));
      }
      await(() -> silent.closedByPeer() == 1, "the gateway closed the upstream connection");
      Logged l = logged.poll(5, TimeUnit.SECONDS);
      assertThat(l.status()).isEqualTo(499);
    }
  }

  @Test
  void a101ToAnotherProtocolIsAnInvalidResponse() throws Exception {
    try (StubUpstream stub = StubUpstream.start(ex -> ex.writeRaw(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n"));
        GatewayHarness g = gateway(stub.url()); RawWebSocket raw = RawWebSocket.open(g.port())) {
      raw.write(RawWebSocket.handshake("/ws", ""));
      assertThat(raw.readHead()).startsWith("HTTP/1.1 502 ");
    }
  }

  @Test
  void otherUpgradesAreStrippedAndProxiedAsPlainRequests() throws Exception {
    try (StubUpstream stub = StubUpstream.start(ex -> ex.respond(200, "text/plain", "plain"));
        GatewayHarness g = gateway(stub.url()); RawWebSocket raw = RawWebSocket.open(g.port())) {
      raw.write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\n"
          + "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n");
      assertThat(raw.readHead()).startsWith("HTTP/1.1 200 ").doesNotContainIgnoringCase("upgrade");
      assertThat(stub.requests().get(0).header("Upgrade")).isNull();
      assertThat(stub.requests().get(0).header("HTTP2-Settings")).isNull();
      raw.readBytes(5);
      // Upgrade: websocket without "upgrade" in Connection is no handshake either.
      raw.write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nSec-WebSocket-Key: "
          + RawWebSocket.KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n");
      assertThat(raw.readHead()).startsWith("HTTP/1.1 200 ");
      assertThat(stub.requests().get(1).header("Upgrade")).isNull();
    }
  }

  @Test
  void aDrainThatTimesOutClosesOpenTunnels() throws Exception {
    try (GatewayHarness g = gateway(echo.url()); RawWebSocket raw = RawWebSocket.open(g.port())) {
      raw.write(RawWebSocket.handshake("/ws", ""));
      assertThat(raw.readHead()).startsWith("HTTP/1.1 101 ");
      g.gateway().beginDrain();
      long start = System.nanoTime();
      assertThat(g.gateway().awaitDrained(Duration.ofMillis(300))).isFalse();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000);
      assertThat(raw.awaitClosed(5000)).isTrue();
      assertThat(g.gateway().inFlight()).isZero();
      assertThat(logged.poll(5, TimeUnit.SECONDS).failure()).isEqualTo("gateway stopping");
    }
  }
}
