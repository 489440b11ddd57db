package dev.llmgateway.undertow.internal.upstream;

import dev.llmgateway.plugin.BodyRewriter;
import java.nio.ByteBuffer;

/**
 * The plugins rewriting one response body as the {@link Relay} streams it: each read goes through them in order
 * after the observers saw it as the upstream sent it, and at the body's end what they still hold is sent.
 */
public final class BodyRewriters {
  private final BodyRewriter[] rewriters;
  /** The rewriter when there is just one (an LLM route's usage filter): no array to load for every chunk. */
  private final BodyRewriter only;
  private boolean finished;

  /** The rewriters of one body, in plugin order; never empty. */
  public BodyRewriters(BodyRewriter[] rewriters) {
    this.rewriters = rewriters;
    this.only = rewriters.length == 1 ? rewriters[0] : null;
  }

  /**
   * What the client gets for bytes {@code [0, limit)} of the view: the view itself when every rewriter passed it
   * on as it came (most chunks of a stream), null when nothing is to be sent yet (held or dropped), or a rewriter's
   * own buffer, valid until the next call.
   */
  ByteBuffer chunk(ByteBuffer view, int limit) {
    ByteBuffer out = view.limit(limit).position(0);
    if (only != null) {
      out = only.rewrite(out);
      return out == null || !out.hasRemaining() ? null : out;
    }
    for (BodyRewriter r : rewriters) {
      out = r.rewrite(out);
      if (out == null || !out.hasRemaining()) {
        return null;
      }
    }
    return out;
  }

  /**
   * At the body's end, once: what the rewriters still hold, each one's remainder passed through those after it;
   * null for nothing (and on every later call). Always a new buffer, so the relay may keep it while the sink is full.
   */
  ByteBuffer finish() {
    if (finished) {
      return null;
    }
    finished = true;
    ByteBuffer carried = null;
    for (BodyRewriter r : rewriters) {
      ByteBuffer in = carried;
      if (in != null && in.hasRemaining()) {
        ByteBuffer rewritten = r.rewrite(in);
        in = rewritten == null ? null : copy(rewritten);
      }
      carried = concat(in, r.finish());
    }
    return carried;
  }

  private static ByteBuffer concat(ByteBuffer a, ByteBuffer b) {
    int n = (a == null ? 0 : a.remaining()) + (b == null ? 0 : b.remaining());
    if (n == 0) {
      return null;
    }
    ByteBuffer out = ByteBuffer.allocate(n);
    if (a != null) {
      out.put(a);
    }
    if (b != null) {
      out.put(b);
    }
    return out.flip();
  }

  private static ByteBuffer copy(ByteBuffer b) {
    return ByteBuffer.allocate(b.remaining()).put(b.duplicate()).flip();
  }
}
