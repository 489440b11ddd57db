package dev.llmgateway.undertow.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.undertow.internal.testing.Bodies;
import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.RawHttpConnection;
import dev.llmgateway.undertow.internal.testing.Sse;
import dev.llmgateway.undertow.internal.testing.StubExchange;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Responses stream through untouched: event by event, with back-pressure, concurrently, and break visibly. */
class StreamingTest {
  private StubUpstream stub;
  private GatewayHarness gateway;

  @BeforeEach
  void start() {
    stub = StubUpstream.start(ex -> ex.respond(200, "text/plain", "unused"));
    TestConfig config = TestConfig.with();
    UUID s = config.service("llm", stub.url());
    config.route(s, "/v1");
    gateway = GatewayHarness.start(config.snapshot());
  }

  @AfterEach
  void stop() {
    gateway.close();
    stub.close();
  }

  @Test
  void sseEventsArriveOneByOneBeforeTheNextIsWritten() throws Exception {
    int events = 5;
    CountDownLatch[] read = new CountDownLatch[events];
    for (int i = 0; i < events; i++) {
      read[i] = new CountDownLatch(1);
    }
    stub.handler(ex -> {
      ex.startChunked(200, "text/event-stream");
      for (int i = 0; i < events; i++) {
        ex.write("data: {\"token\":" + i + "}\n\n");
        if (!read[i].await(10, TimeUnit.SECONDS)) {
          throw new AssertionError("event " + i + " never reached the client");
        }
      }
      ex.write("data: [DONE]\n\n");
      ex.end();
    });
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      c.write("POST /v1/chat/completions HTTP/1.1\r\nHost: gw\r\nContent-Type: application/json\r\n"
          + "Content-Length: 15\r\n\r\n{\"stream\":true}");
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("Content-Type")).isEqualTo("text/event-stream");
      assertThat(head.chunked()).isTrue();
      Sse sse = new Sse(c);
      for (int i = 0; i < events; i++) {
        // The stub writes event i+1 only after this read: each event crossed the gateway on its own.
        assertThat(sse.next()).isEqualTo("data: {\"token\":" + i + "}\n\n");
        read[i].countDown();
      }
      assertThat(sse.next()).isEqualTo("data: [DONE]\n\n");
      assertThat(sse.next()).isNull();
    }
  }

  @Test
  void aSlowClientSlowsTheUpstreamAndAHugeBodyArrivesIntact() throws Exception {
    long size = 256L * 1024 * 1024;
    AtomicReference<StubExchange> upstream = new AtomicReference<>();
    CompletableFuture<String> written = new CompletableFuture<>();
    stub.handler(ex -> {
      upstream.set(ex);
      ex.startFixed(200, "application/octet-stream", size);
      MessageDigest sha = Bodies.sha256();
      byte[] block = new byte[64 * 1024];
      for (long sent = 0, n = 0; sent < size; sent += block.length, n++) {
        Bodies.fill(block, n);
        sha.update(block);
        ex.write(block, 0, block.length);
      }
      ex.end();
      written.complete(Bodies.hex(sha.digest()));
    });
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port(), 64 * 1024)) {
      c.write("GET /v1/files/huge HTTP/1.1\r\nHost: gw\r\n\r\n");
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.header("Content-Length")).isEqualTo(Long.toString(size));
      InputStream in = c.input();
      MessageDigest sha = Bodies.sha256();
      byte[] buf = new byte[64 * 1024];
      long received = readInto(in, sha, buf, 1024 * 1024);
      Thread.sleep(2000); // the client stops reading; everything upstream of it must fill up and stop
      long upstreamWritten = upstream.get().bytesWritten();
      System.out.println("upstream wrote " + upstreamWritten + " bytes while the client paused");
      assertThat(upstreamWritten).isLessThan(64L * 1024 * 1024);
      received += readInto(in, sha, buf, size - received);
      assertThat(received).isEqualTo(size);
      assertThat(Bodies.hex(sha.digest())).isEqualTo(written.get(10, TimeUnit.SECONDS));
    }
  }

  private static long readInto(InputStream in, MessageDigest sha, byte[] buf, long want) throws IOException {
    long got = 0;
    while (got < want) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, want - got));
      if (n < 0) {
        throw new EOFException("body ended after " + got + " bytes");
      }
      sha.update(buf, 0, n);
      got += n;
    }
    return got;
  }

  @Test
  void twoHundredConcurrentStreamsKeepTheirOrderAndBytes() throws Exception {
    int streams = 200;
    int events = 20;
    stub.handler(ex -> {
      String id = ex.request().path().substring(ex.request().path().lastIndexOf('/') + 1);
      ex.startChunked(200, "text/event-stream");
      for (int i = 0; i < events; i++) {
        ex.write(event(id, i));
        Thread.sleep(2);
      }
      ex.end();
    });
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (int s = 0; s < streams; s++) {
      responses.add(client.sendAsync(HttpRequest.newBuilder(gateway.uri("/v1/stream/" + s))
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()));
    }
    for (int s = 0; s < streams; s++) {
      StringBuilder expected = new StringBuilder();
      for (int i = 0; i < events; i++) {
        expected.append(event(Integer.toString(s), i));
      }
      HttpResponse<String> r = responses.get(s).get(30, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(Bodies.sha256(r.body().getBytes())).as("stream %d", s)
          .isEqualTo(Bodies.sha256(expected.toString().getBytes()));
    }
  }

  private static String event(String stream, int i) {
    return "data: {\"stream\":" + stream + ",\"i\":" + i + ",\"pad\":\"" + "x".repeat(i * 7) + "\"}\n\n";
  }

  @Test
  void contentLengthPassesThroughUnchanged() throws Exception {
    byte[] body = new byte[100_000];
    Bodies.fill(body, 7);
    stub.handler(ex -> ex.respond(200, "application/octet-stream", body));
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      c.write("GET /v1/blob HTTP/1.1\r\nHost: gw\r\n\r\n");
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.header("Content-Length")).isEqualTo("100000");
      assertThat(head.chunked()).isFalse();
      assertThat(c.readBody(head)).isEqualTo(body);
    }
  }

  @Test
  void anUpstreamThatBreaksOffMidStreamBreaksTheClientResponseWithoutAFinalChunk() throws Exception {
    CountDownLatch firstRead = new CountDownLatch(1);
    stub.handler(ex -> {
      ex.startChunked(200, "text/event-stream");
      ex.write("data: one\n\n");
      firstRead.await(10, TimeUnit.SECONDS);
      ex.reset();
    });
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      c.write("GET /v1/stream HTTP/1.1\r\nHost: gw\r\n\r\n");
      c.readHead();
      assertThat(new String(c.readChunk())).isEqualTo("data: one\n\n");
      firstRead.countDown();
      assertThatThrownBy(c::readChunk).isInstanceOf(IOException.class);
    }
  }

  @Test
  void headAndNoContentResponsesCarryNoBodyAndKeepTheConnectionUsable() throws Exception {
    stub.handler(ex -> {
      if (ex.request().method().equals("HEAD")) {
        ex.startFixed(200, "application/json", 1234); // a HEAD answer: the length, no body
        ex.end();
      } else if (ex.request().path().equals("/empty")) {
        ex.startFixed(204, "text/plain", 0);
        ex.end();
      } else {
        ex.respond(200, "text/plain", "after");
      }
    });
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      c.write("HEAD /v1/models HTTP/1.1\r\nHost: gw\r\n\r\n");
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("Content-Length")).isEqualTo("1234");
      c.write("DELETE /v1/empty HTTP/1.1\r\nHost: gw\r\n\r\n");
      RawHttpConnection.Head noContent = c.readHead();
      assertThat(noContent.status()).isEqualTo(204);
      c.write("GET /v1/next HTTP/1.1\r\nHost: gw\r\n\r\n");
      RawHttpConnection.Head next = c.readHead();
      assertThat(new String(c.readBody(next))).isEqualTo("after");
    }
  }

  @Test
  void aFixedLengthBodyCutShortIsNotPassedOffAsComplete() throws Exception {
    stub.handler(ex -> {
      ex.startFixed(200, "application/json", 100);
      ex.write(new byte[50], 0, 50);
      ex.close();
    });
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      c.write("GET /v1/short HTTP/1.1\r\nHost: gw\r\n\r\n");
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.header("Content-Length")).isEqualTo("100");
      assertThatThrownBy(() -> c.readFixed(100)).isInstanceOf(IOException.class);
    }
  }
}
