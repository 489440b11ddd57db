package dev.llmgateway.undertow.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.plugin.BodyRewriter;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.ResponseContext;
import dev.llmgateway.internal.plugins.responsetransformer.ResponseTransformerType;
import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.RawHttpConnection;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import dev.llmgateway.undertow.internal.testing.TestPlugins;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A whole-body rewriter (response-transformer's, through BodyRewriter.whole) and a streaming one on the same
 * response: the body streams through both in plugin order, without Content-Length, the whole one rewriting what
 * reaches it once the body has ended.
 */
class MixedBodyRewritersTest {
  private StubUpstream stub;
  private GatewayHarness gateway;

  /** Upper-cases ASCII letters as they pass: a streaming rewriter that holds nothing. */
  private static final Plugin UPPER = new Plugin() {
    @Override
    public BodyRewriter rewriteBody(ResponseContext ctx) {
      return chunk -> {
        ByteBuffer out = ByteBuffer.allocate(chunk.remaining());
        while (chunk.hasRemaining()) {
          byte b = chunk.get();
          out.put(b >= 'a' && b <= 'z' ? (byte) (b - 32) : b);
        }
        return out.flip();
      };
    }
  };

  @AfterEach
  void stop() {
    gateway.close();
    stub.close();
  }

  private String body(int upperPriority) throws Exception {
    stub = StubUpstream.start(ex -> ex.respond(200, "application/json", "{\"a\":\"x\"}"));
    TestConfig config = TestConfig.with(new ResponseTransformerType(), TestPlugins.of("upper", upperPriority, UPPER));
    UUID s = config.service(Map.of("name", "s", "url", stub.url()));
    UUID r = config.route(s, "/v1");
    config.plugin("response-transformer", Map.of("route", Map.of("id", r.toString()),
        "config", Map.of("add", Map.of("json", List.of("seen:yes")))));
    config.plugin("upper", Map.of("route", Map.of("id", r.toString())));
    gateway = GatewayHarness.start(config.snapshot());
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      c.write("GET /v1/x HTTP/1.1\r\nHost: gw\r\n\r\n");
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("Content-Length")).as("a streamed rewrite has no known length").isNull();
      assertThat(head.chunked()).isTrue();
      return new String(c.readBody(head), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aWholeRewriteThatThrowsIsKongs500NotABrokenBody() throws Exception {
    stub = StubUpstream.start(ex -> ex.respond(200, "application/json", "{\"a\":\"x\"}"));
    Plugin throwing = new Plugin() {
      @Override
      public BodyRewriter rewriteBody(ResponseContext ctx) {
        return BodyRewriter.whole(ctx, body -> {
          throw new IllegalStateException("plugin bug");
        });
      }
    };
    TestConfig config = TestConfig.with(TestPlugins.of("throwing", 800, throwing));
    UUID s = config.service(Map.of("name", "s", "url", stub.url()));
    config.plugin("throwing", Map.of("route", Map.of("id", config.route(s, "/v1").toString())));
    gateway = GatewayHarness.start(config.snapshot());
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      c.write("GET /v1/x HTTP/1.1\r\nHost: gw\r\nAccept: application/json\r\n\r\n");
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.status()).isEqualTo(500);
      assertThat(new String(c.readBody(head), StandardCharsets.UTF_8))
          .contains("\"message\":\"An unexpected error occurred\"").doesNotContain("plugin bug");
    }
  }

  @Test
  void streamingBeforeWhole() throws Exception {
    // upper (priority 900) runs before response-transformer (800): the JSON edit sees the upper-cased body
    assertThat(body(900)).isEqualTo("{\"A\":\"X\",\"seen\":\"yes\"}");
  }

  @Test
  void wholeBeforeStreaming() throws Exception {
    // upper (priority 700) gets the rewritten whole body when the upstream's has ended
    assertThat(body(700)).isEqualTo("{\"A\":\"X\",\"SEEN\":\"YES\"}");
  }
}
