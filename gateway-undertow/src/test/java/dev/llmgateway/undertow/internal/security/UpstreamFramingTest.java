package dev.llmgateway.undertow.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.undertow.internal.http1.ResponseHeadParser;
import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.RawHttpConnection;
import dev.llmgateway.undertow.internal.testing.StubExchange;
import dev.llmgateway.undertow.internal.testing.StubHandlers;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The upstream leg's framing: a stub upstream answers {@code /bad} with exact bytes, everything else with an echo
 * of the request. Each case sends the bad request and then, on the same client connection, a second one: the
 * client must get exactly one answer per request, the second one its own (never the rest of the bad response),
 * and an upstream connection whose framing was lost is closed, never pooled. Interim 1xx responses are skipped
 * (the final response follows them on the connection), and the response head is bounded in bytes and fields.
 */
class UpstreamFramingTest {
  private static final String SECOND = "GET /v1/vllm/second HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logged.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final List<StubExchange> bad = new CopyOnWriteArrayList<>();
  private StubUpstream stub;
  private GatewayHarness gateway;
  private volatile String answer;

  @BeforeEach
  void start() {
    stub = StubUpstream.start(ex -> {
      if (ex.request().path().equals("/bad")) {
        bad.add(ex);
        ex.writeRaw(answer);
        ex.end();
      } else {
        StubHandlers.echo().handle(ex);
      }
    });
    TestConfig config = TestConfig.with();
    UUID s = config.service("vllm", stub.url());
    config.route(s, "/v1/vllm");
    gateway = GatewayHarness.start(config.snapshot(), b -> b.ioThreads(1));
    Logger.getLogger("").addHandler(capture);
  }

  @AfterEach
  void stop() {
    Logger.getLogger("").removeHandler(capture);
    gateway.close();
    stub.close();
  }

  private Wire badThenSecond(String method, String upstreamAnswer) throws Exception {
    answer = upstreamAnswer;
    return Wire.send(gateway.port(), method + " /v1/vllm/bad HTTP/1.1\r\nHost: localhost\r\n\r\n" + SECOND, 2000,
        method.equals("HEAD") ? 1 : 0);
  }

  private void secondGotItsOwnAnswer(Wire wire) {
    assertThat(wire.responses()).hasSize(2);
    assertThat(wire.responses().get(1).status()).isEqualTo(200);
    assertThat(wire.responses().get(1).body()).contains("/second");
    assertThat(wire.trailing()).isEmpty();
  }

  private void badConnectionClosed() {
    assertThat(bad).hasSize(1);
    assertThat(bad.get(0).awaitPeerClose(Duration.ofSeconds(5))).as("upstream connection closed").isTrue();
    assertThat(stub.accepted()).as("the second request went on a fresh upstream connection").isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 12\r\n\r\nhello, world",
      "HTTP/1.1 200 OK\r\nContent-Length: 5, 12\r\n\r\nhello, world",
      "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: foo\r\nConnection: Upgrade\r\n\r\nHTTP/1.1 200 OK\r\n"
          + "Content-Length: 3\r\n\r\nok\n",
      "HTTP/1.1 200 OK\r\nX-A: 1\r\n folded\r\nContent-Length: 2\r\n\r\nok",
      "HTTP/1.1 200 OK\r\nContent-Length : 2\r\n\r\nok",
      "HTTP/1.1 200 OK\nContent-Length: 2\n\nok",
      "HTTP/1.1 200 OK\r\nX-A: a\u0000b\r\nContent-Length: 2\r\n\r\nok",
      "HTTP/2 200 OK\r\nContent-Length: 2\r\n\r\nok",
      "HTTP/1.1 99 Low\r\nContent-Length: 2\r\n\r\nok",
  })
  void aResponseWhoseEndIsUnknownIs502AndItsConnectionClosed(String upstreamAnswer) throws Exception {
    Wire wire = badThenSecond("GET", upstreamAnswer);
    assertThat(wire.responses().get(0).status()).isEqualTo(502);
    secondGotItsOwnAnswer(wire);
    badConnectionClosed();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n",
      "HTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n",
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
          + "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n",
      "HTTP/1.1 103 Early Hints\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nok\n\r\n0\r\n\r\n",
  })
  void anInterimResponseIsSkippedTheFinalOneRelayedAndTheConnectionReused(String upstreamAnswer) throws Exception {
    answer = upstreamAnswer;
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      c.write("GET /v1/vllm/bad HTTP/1.1\r\nHost: localhost\r\n\r\n");
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.status()).as("the first head the client sees is the final one").isEqualTo(200);
      assertThat(head.header("Link")).isNull();
      assertThat(new String(c.readBody(head), StandardCharsets.UTF_8)).isEqualTo("ok\n");
      c.write(SECOND);
      RawHttpConnection.Head second = c.readHead();
      assertThat(second.status()).isEqualTo(200);
      assertThat(new String(c.readBody(second), StandardCharsets.UTF_8)).contains("/second");
      assertThat(c.awaitClosed(Duration.ofSeconds(5))).as("nothing after the second response").isTrue();
    }
    assertThat(stub.accepted()).as("the framing held: the connection was pooled and reused").isEqualTo(1);
  }

  @Test
  void aResponseHeadOverTheSizeCapIs502AndItsConnectionClosed() throws Exception {
    Wire wire = badThenSecond("GET", head(ResponseHeadParser.MAX_HEAD_BYTES + 1, 2));
    assertThat(wire.responses().get(0).status()).isEqualTo(502);
    secondGotItsOwnAnswer(wire);
    badConnectionClosed();
  }

  @Test
  void aResponseHeadAtTheSizeCapPasses() throws Exception {
    Wire wire = badThenSecond("GET", head(ResponseHeadParser.MAX_HEAD_BYTES, 2));
    assertThat(wire.responses().get(0).status()).isEqualTo(200);
    assertThat(wire.responses().get(0).body()).isEqualTo("ok");
    secondGotItsOwnAnswer(wire);
  }

  @Test
  void aHugeResponseHeadIsCutOffAt502WithoutBeingHeld() throws Exception {
    StringBuilder b = new StringBuilder("HTTP/1.1 200 OK\r\n");
    String pad = "a".repeat(1000);
    for (int i = 0; i < 200; i++) { // 200 KB of header lines: read and refused at the cap, not collected
      b.append("X-Pad-").append(i % 50).append(": ").append(pad).append("\r\n");
    }
    Wire wire = badThenSecond("GET", b.append("Content-Length: 2\r\n\r\nok").toString());
    assertThat(wire.responses().get(0).status()).isEqualTo(502);
    secondGotItsOwnAnswer(wire);
    badConnectionClosed();
  }

  @Test
  void moreThanTheFieldCapIs502AndExactlyTheCapPasses() throws Exception {
    Wire over = badThenSecond("GET", fields(ResponseHeadParser.MAX_FIELDS + 1));
    assertThat(over.responses().get(0).status()).isEqualTo(502);
    secondGotItsOwnAnswer(over);
    badConnectionClosed();
    Wire at = badThenSecond("GET", fields(ResponseHeadParser.MAX_FIELDS));
    assertThat(at.responses().get(0).status()).isEqualTo(200);
    assertThat(at.responses().get(0).header("x-f-1")).isEqualTo("v");
    secondGotItsOwnAnswer(at);
  }

  @Test
  void bytesAfterTheBodyKeepTheConnectionOutOfThePool() throws Exception {
    Wire wire = badThenSecond("GET", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\nHTTP/1.1 200 OK\r\n"
        + "Content-Length: 7\r\n\r\nsmuggle");
    assertThat(wire.responses().get(0).status()).isEqualTo(200);
    assertThat(wire.responses().get(0).body()).isEqualTo("ok\n");
    secondGotItsOwnAnswer(wire);
    badConnectionClosed();
  }

  @Test
  void anIdlePooledConnectionThatReceivesBytesClosesItself() throws Exception {
    answer = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n";
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      c.write("GET /v1/vllm/bad HTTP/1.1\r\nHost: localhost\r\n\r\n");
      RawHttpConnection.Head head = c.readHead();
      assertThat(new String(c.readBody(head), StandardCharsets.UTF_8)).isEqualTo("ok\n");
      try {
        bad.get(0).writeRaw("HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nsmuggle");
      } catch (java.io.IOException e) {
        // The stub queues the bytes, then reports a close that happened meanwhile: the gateway was that quick.
      }
      assertThat(bad.get(0).awaitPeerClose(Duration.ofSeconds(5))).as("the idle connection closed itself").isTrue();
      c.write(SECOND);
      RawHttpConnection.Head second = c.readHead();
      assertThat(second.status()).isEqualTo(200);
      assertThat(new String(c.readBody(second), StandardCharsets.UTF_8)).contains("/second").doesNotContain("smuggle");
    }
    assertThat(stub.accepted()).isEqualTo(2);
  }

  /** A 200 with body "ok" whose head is exactly {@code size} bytes, in {@code fields} fields. */
  private static String head(int size, int fields) {
    String start = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n";
    StringBuilder b = new StringBuilder(start);
    int left = size - start.length() - 2; // the blank line
    for (int f = 1; f < fields; f++) {
      int line = f == fields - 1 ? left : Math.min(left, 8000);
      String name = "X-Pad-" + f + ": ";
      b.append(name).append("a".repeat(line - name.length() - 2)).append("\r\n");
      left -= line;
    }
    String h = b.append("\r\n").toString();
    assertThat(h).hasSize(size);
    return h + "ok";
  }

  /** A 200 with body "ok" and {@code n} header fields, Content-Length included. */
  private static String fields(int n) {
    StringBuilder b = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n");
    for (int i = 1; i < n; i++) {
      b.append("X-F-").append(i).append(": v\r\n");
    }
    return b.append("\r\nok").toString();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
      "HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello",
      "HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\nhello",
  })
  void aBodilessStatusWithABodyReachesTheClientWithoutItAndTheUpstreamConnectionIsNotReused(String upstreamAnswer)
      throws Exception {
    Wire wire = badThenSecond("GET", upstreamAnswer);
    int status = Integer.parseInt(upstreamAnswer.substring(9, 12));
    assertThat(wire.responses().get(0).status()).isEqualTo(status);
    assertThat(wire.responses().get(0).body()).isEmpty();
    if (status == 204) {
      assertThat(wire.responses().get(0).header("content-length")).isNull();
    }
    secondGotItsOwnAnswer(wire);
    badConnectionClosed();
  }

  @Test
  void aHeadResponseWithALengthKeepsItsConnection() throws Exception {
    answer = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n";
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      c.write("HEAD /v1/vllm/bad HTTP/1.1\r\nHost: localhost\r\n\r\n");
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("Content-Length")).isEqualTo("5");
      c.write(SECOND);
      RawHttpConnection.Head second = c.readHead();
      assertThat(second.status()).isEqualTo(200);
      assertThat(new String(c.readBody(second), java.nio.charset.StandardCharsets.UTF_8)).contains("/second");
    }
    assertThat(stub.accepted()).as("pooled and reused").isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"HTTP/1.1 204 No Content\r\n\r\n", "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n"})
  void aBodilessResponseWithoutABodyKeepsItsConnection(String upstreamAnswer) throws Exception {
    Wire wire = badThenSecond("GET", upstreamAnswer);
    assertThat(wire.statuses()).containsExactly(Integer.parseInt(upstreamAnswer.substring(9, 12)), 200);
    secondGotItsOwnAnswer(wire);
    assertThat(stub.accepted()).as("pooled and reused").isEqualTo(1);
  }

  @Test
  void garbageFromTheUpstreamIsOneLogLineWithRequestRouteAndTarget() throws Exception {
    Wire wire = badThenSecond("GET", "garbage\r\n\r\n");
    assertThat(wire.responses().get(0).status()).isEqualTo(502);
    String requestId = wire.responses().get(0).header("x-kong-request-id");
    secondGotItsOwnAnswer(wire);
    List<LogRecord> warnings = logged.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
        .toList();
    assertThat(warnings).hasSize(1);
    LogRecord line = warnings.get(0);
    assertThat(line.getThrown()).isNull();
    assertThat(line.getMessage()).contains(requestId).contains("on route ")
        .contains("invalid response from 127.0.0.1:" + stub.port());
  }
}
