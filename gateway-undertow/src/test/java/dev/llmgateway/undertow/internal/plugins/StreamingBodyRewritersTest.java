package dev.llmgateway.undertow.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.plugin.BodyRewriter;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.ResponseContext;
import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.RawHttpConnection;
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
 * The three ways a streaming rewriter can hand a chunk back, each through a real listener: the chunk itself (the
 * relay reads the upstream straight into its own buffer, so those bytes go out where they lie), a slice of the
 * chunk (a view of that same buffer, moved out before it is overwritten), and a buffer of its own.
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
    stub = StubUpstream.start(ex -> {
      ex.startChunked(200, "text/plain");
      ex.write("~~~~");
      for (int i = 0; i < LINES; i++) {
        ex.write("line " + i + " of a streamed body\n");
      }
      ex.end();
    });
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
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      c.write("GET /v1/x HTTP/1.1\r\nHost: gw\r\n\r\n");
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.status()).isEqualTo(200);
      return new String(c.readBody(head), StandardCharsets.UTF_8);
    }
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
