package dev.llmgateway.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import dev.llmgateway.internal.plugins.testing.TestHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class WholeBodyRewriterTest {
  /** Just the response headers: all BodyRewriter.whole looks at. */
  private static final class Response implements ResponseContext {
    final TestHeaders headers = new TestHeaders();

    Response(String... nameValues) {
      for (int i = 0; i < nameValues.length; i += 2) {
        headers.set(nameValues[i], nameValues[i + 1]);
      }
    }

    @Override public int status() { return 200; }
    @Override public boolean proxied() { return true; }
    @Override public MutableHeaders responseHeaders() { return headers; }
    @Override public ClientRequest request() { return null; }
    @Override public Route route() { return null; }
    @Override public Service service() { return null; }
    @Override public Consumer consumer() { return null; }
    @Override public String credentialId() { return null; }
    @Override public String requestId() { return "r"; }
    @Override public <T> T get(RequestKey<T> key) { return null; }
    @Override public <T> void put(RequestKey<T> key, T value) {}
  }

  private static BodyRewriter upper(Response r) {
    return BodyRewriter.whole(r,
        b -> new String(b, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
  }

  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
  }

  private static String text(ByteBuffer b) {
    return b == null ? "" : StandardCharsets.UTF_8.decode(b.duplicate()).toString();
  }

  @Test
  void onlyBodiesThatAreNotStreamedQualify() {
    assertThat(upper(new Response("Content-Length", "10", "Content-Type", "application/json"))).isNotNull();
    assertThat(upper(new Response("Content-Length", Integer.toString(Plugin.REWRITE_LIMIT)))).isNotNull();
    assertThat(upper(new Response("Content-Type", "application/json"))).as("no length: a stream").isNull();
    assertThat(upper(new Response("Content-Length", "10", "Transfer-Encoding", "chunked"))).isNull();
    assertThat(upper(new Response("Content-Length", "10", "Content-Type", "text/event-stream; charset=utf-8")))
        .as("SSE is never held").isNull();
    assertThat(upper(new Response("Content-Length", Integer.toString(Plugin.REWRITE_LIMIT + 1)))).isNull();
    assertThat(upper(new Response("Content-Length", "ten"))).isNull();
  }

  @Test
  void asAStreamingRewriterItHoldsTheChunksAndRewritesAtTheEnd() {
    BodyRewriter r = upper(new Response("Content-Length", "6"));
    assertThat(r.rewrite(bytes("abc")).hasRemaining()).isFalse();
    assertThat(r.rewrite(bytes("def")).hasRemaining()).isFalse();
    assertThat(text(r.finish())).isEqualTo("ABCDEF");
    assertThat(((WholeBodyRewriter) r).rewriteWhole("xy".getBytes(StandardCharsets.UTF_8)))
        .asString().isEqualTo("XY");
  }

  @Test
  void pastTheLimitItPassesTheBytesOnUnchanged() {
    BodyRewriter r = upper(new Response("Content-Length", "6"));
    byte[] big = new byte[Plugin.REWRITE_LIMIT];
    Arrays.fill(big, (byte) 'a');
    assertThat(r.rewrite(ByteBuffer.wrap(big).asReadOnlyBuffer()).hasRemaining()).isFalse();
    ByteBuffer out = r.rewrite(bytes("b"));
    assertThat(out.remaining()).isEqualTo(Plugin.REWRITE_LIMIT + 1);
    assertThat(out.get(0)).isEqualTo((byte) 'a');
    assertThat(out.get(Plugin.REWRITE_LIMIT)).isEqualTo((byte) 'b');
    assertThat(text(r.rewrite(bytes("c")))).isEqualTo("c");
    assertThat(r.finish()).isNull();
  }
}
