package dev.llmgateway.undertow.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.undertow.testing.GatewayHarness;
import dev.llmgateway.undertow.testing.RawHttpConnection;
import dev.llmgateway.undertow.testing.StubExchange;
import dev.llmgateway.undertow.testing.StubHandlers;
import dev.llmgateway.undertow.testing.StubUpstream;
import dev.llmgateway.undertow.testing.TestConfig;
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
 * and an upstream connection whose framing was lost is closed, never pooled.
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
      "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n",
      "HTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n",
  })
  void aResponseWhoseEndIsUnknownIs502AndItsConnectionClosed(String upstreamAnswer) throws Exception {
    Wire wire = badThenSecond("GET", upstreamAnswer);
    assertThat(wire.responses().get(0).status()).isEqualTo(502);
    secondGotItsOwnAnswer(wire);
    badConnectionClosed();
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
