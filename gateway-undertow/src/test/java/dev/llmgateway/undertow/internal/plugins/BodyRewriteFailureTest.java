package dev.llmgateway.undertow.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.plugin.BodyObserver;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.ResponseContext;
import dev.llmgateway.internal.plugins.responsetransformer.ResponseTransformerType;
import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.RawHttpConnection;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import dev.llmgateway.undertow.internal.testing.TestPlugins;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A body held for rewriting (Plugin.rewriteBody) that the upstream never completes gets Kong's gateway errors —
 * 504 when it stalls past read_timeout, 502 when it breaks off — never a 500 or a truncated rewrite.
 */
class BodyRewriteFailureTest {
  private StubUpstream stub;
  private GatewayHarness gateway;

  @BeforeEach
  void start() {
    stub = StubUpstream.start(ex -> ex.respond(200, "application/json", "{}"));
    TestConfig config = TestConfig.with(new ResponseTransformerType(), TestPlugins.of("broken-observer", 5,
        new Plugin() {
          @Override
          public BodyObserver observeBody(ResponseContext ctx) {
            return chunk -> {
              throw new IllegalStateException("an observer's bug");
            };
          }
        }));
    UUID s = config.service(Map.of("name", "llm", "url", stub.url(), "read_timeout", 300L));
    UUID r = config.route(s, "/v1");
    config.plugin("response-transformer", Map.of("route", Map.of("id", r.toString()),
        "config", Map.of("add", Map.of("json", List.of("seen:yes")))));
    config.plugin("broken-observer", Map.of("route", Map.of("id", r.toString())));
    gateway = GatewayHarness.start(config.snapshot());
  }

  @AfterEach
  void stop() {
    gateway.close();
    stub.close();
  }

  private RawHttpConnection.Head get(RawHttpConnection c) throws Exception {
    c.write("GET /v1/x HTTP/1.1\r\nHost: gw\r\nAccept: application/json\r\n\r\n");
    return c.readHead();
  }

  @Test
  void aStalledBodyIs504() throws Exception {
    stub.handler(ex -> {
      ex.startFixed(200, "application/json", 100);
      ex.write("{\"a\":");
      ex.awaitPeerClose(java.time.Duration.ofSeconds(5));
    });
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      RawHttpConnection.Head head = get(c);
      assertThat(head.status()).isEqualTo(504);
      assertThat(Json.parseObject(new String(c.readBody(head), StandardCharsets.UTF_8)))
          .containsEntry("message", "The upstream server is timing out");
    }
  }

  @Test
  void aBodyCutShortIs502() throws Exception {
    stub.handler(ex -> {
      ex.startFixed(200, "application/json", 100);
      ex.write("{\"a\":");
      ex.close();
    });
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      RawHttpConnection.Head head = get(c);
      assertThat(head.status()).isEqualTo(502);
      assertThat(Json.parseObject(new String(c.readBody(head), StandardCharsets.UTF_8)))
          .containsEntry("message", "An invalid response was received from the upstream server");
    }
  }

  /** The route also carries an observer that throws on every chunk: it is ignored, the rewrite still happens. */
  @Test
  void aWholeBodyIsRewritten() throws Exception {
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      RawHttpConnection.Head head = get(c);
      assertThat(head.status()).isEqualTo(200);
      assertThat(new String(c.readBody(head), StandardCharsets.UTF_8)).isEqualTo("{\"seen\":\"yes\"}");
      assertThat(head.header("Content-Length")).isEqualTo("14");
    }
  }
}
