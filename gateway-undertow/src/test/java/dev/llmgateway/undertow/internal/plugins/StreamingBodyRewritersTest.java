package dev.llmgateway.undertow.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.plugin.BodyRewriter;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.ResponseContext;
import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.RawHttpConnection;
import dev.llmgateway.undertow.internal.testing.StubHandler;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import dev.llmgateway.undertow.internal.testing.TestPlugins;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ways a streaming rewriter can hand a chunk back, each through a real listener: the chunk itself (the relay's
 * own read buffer, sent as it lies), a slice of the chunk, a buffer of its own, or nothing until the body ends (then
 * more than a pooled buffer holds, sent after the upstream ended); and a rewriter that throws breaks the stream.
 */
class StreamingBodyRewritersTest {
  private static final int LINES = 64;
  private StubUpstream stub;
  private GatewayHarness gateway;

  @AfterEach
  void stop() {
    gateway.close();
    stub.close();
  }

  /** Streams "~~~~" and then LINES lines, one chunk each, through a route whose only plugin rewrites with r. */
  private String relay(BodyRewriter rewriter) throws Exception {
    start(ex -> {
      ex.startChunked(200, "text/plain");
      ex.write("~~~~");
      for (int i = 0; i < LINES; i++) {
        ex.write("line " + i + " of a streamed body\n");
      }
      ex.end();
    }, rewriter);
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      c.write("GET /v1/x HTTP/1.1\r\nHost: gw\r\n\r\n");
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.status()).isEqualTo(200);
      return new String(c.readBody(head), StandardCharsets.UTF_8);
    }
  }

  /** An upstream answering with {@code upstream}, behind a route /v1 whose only plugin rewrites with the rewriter. */
  private void start(StubHandler upstream, BodyRewriter rewriter) {
    stub = StubUpstream.start(upstream);
    Plugin plugin = new Plugin() {
      @Override
      public BodyRewriter rewriteBody(ResponseContext ctx) {
        return rewriter;
      }
    };
    TestConfig config = TestConfig.with(TestPlugins.of("rewrite", 900, plugin));
    UUID s = config.service(Map.of("name", "s", "url", stub.url()));
    config.plugin("rewrite", Map.of("route", Map.of("id", config.route(s, "/v1").toString())));
    gateway = GatewayHarness.start(config.snapshot());
  }

  private static String lines() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < LINES; i++) {
      b.append("line ").append(i).append(" of a streamed body\n");
    }
    return b.toString();
  }

  @Test
  void aChunkPassedOnAsItCameGoesOutUnchanged() throws Exception {
    assertThat(relay(chunk -> chunk)).isEqualTo("~~~~" + lines());
  }

  @Test
  void aSliceOfTheChunkGoesOutAsTheSliceSays() throws Exception {
    // Drops the '~' a chunk starts with; however the reads cut the stream, only the body's first bytes are '~'.
    BodyRewriter stripTildes = chunk -> {
      int from = chunk.position();
      while (from < chunk.limit() && chunk.get(from) == '~') {
        from++;
      }
      return chunk.slice(from, chunk.limit() - from);
    };
    assertThat(relay(stripTildes)).isEqualTo(lines());
  }

  @Test
  void whatARewriterHoldsToTheEndGoesOutWhole() throws Exception {
    BodyRewriter holdAll = new BodyRewriter() {
      private final java.io.ByteArrayOutputStream held = new java.io.ByteArrayOutputStream();

      @Override
      public ByteBuffer rewrite(ByteBuffer chunk) {
        byte[] b = new byte[chunk.remaining()];
        chunk.get(b);
        held.writeBytes(b);
        return null;
      }

      @Override
      public ByteBuffer finish() {
        // several times the pooled buffer and the socket's send buffer: the relay holds the rest while the sink is full
        return ByteBuffer.wrap(held.toString(StandardCharsets.UTF_8).repeat(200).getBytes(StandardCharsets.UTF_8));
      }
    };
    assertThat(relay(holdAll)).isEqualTo(("~~~~" + lines()).repeat(200));
  }

  @Test
  void aRewriterThatThrowsBreaksTheStreamInsteadOfSendingItUnchanged() throws Exception {
    BodyRewriter failing = chunk -> {
      throw new IllegalStateException("plugin bug");
    };
    start(ex -> {
      ex.startChunked(200, "text/plain");
      ex.write("secret that must not pass unrewritten\n");
      Thread.sleep(200);
      ex.write("more\n");
      ex.end();
    }, failing);
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      c.write("GET /v1/x HTTP/1.1\r\nHost: gw\r\n\r\n");
      // The first read fails, before the response head went out (it leaves with the first body bytes): the
      // connection is closed, so the client sees no complete response and never the bytes the plugin should change.
      String all = new String(c.input().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(all).doesNotContain("secret").doesNotEndWith("0\r\n\r\n");
    }
  }

  @Test
  void aBufferOfTheRewritersOwnGoesOutInsteadOfTheChunk() throws Exception {
    BodyRewriter upper = chunk -> {
      ByteBuffer out = ByteBuffer.allocate(chunk.remaining());
      while (chunk.hasRemaining()) {
        byte b = chunk.get();
        out.put(b >= 'a' && b <= 'z' ? (byte) (b - 32) : b);
      }
      return out.flip();
    };
    assertThat(relay(upper)).isEqualTo("~~~~" + lines().toUpperCase(java.util.Locale.ROOT));
  }
}
