package dev.llmgateway.plugin;

import java.nio.ByteBuffer;
import java.util.function.UnaryOperator;

/**
 * Changes a proxied response body on its way to the client, chunk by chunk, on the IO thread (returned by
 * {@link Plugin#rewriteBody}). It may pass a chunk on, drop bytes, or hold an incomplete piece (an SSE event) until
 * the rest arrives; a streaming rewriter must never hold the whole body. To edit a whole body at once (a JSON
 * document) use {@link #whole}, which buffers only bodies that are not streamed. {@link BodyObserver}s see the
 * upstream's bytes, before any rewriting. A rewritten response goes out without {@code Content-Length}, unless
 * every rewriter on it is a {@link #whole} one: the gateway then holds the body and sends its new length. Never
 * block.
 */
public interface BodyRewriter {
  /**
   * Returns the bytes the client gets for this upstream chunk (possibly none, possibly more than the chunk). The
   * chunk is read-only and valid only during the call; the returned buffer is read before the next call, so a
   * rewriter may reuse one output buffer.
   */
  ByteBuffer rewrite(ByteBuffer chunk);

  /** The upstream body ended normally: the bytes still held, or null for none. Not called on a broken body. */
  default ByteBuffer finish() {
    return null;
  }

  /**
   * A rewriter that gets the whole body at once (Kong's buffering {@code body_filter}), for a response whose body
   * is not streamed: a {@code Content-Length} of at most {@link Plugin#REWRITE_LIMIT} bytes, no
   * {@code Transfer-Encoding}, a {@code Content-Type} other than {@code text/event-stream}. For any other response
   * it returns null, so streams (SSE, chunked) pass untouched and are never buffered. {@code rewrite} gets the body
   * and returns the one to send (never null; the same array for no change).
   */
  static BodyRewriter whole(ResponseContext ctx, UnaryOperator<byte[]> rewrite) {
    return WholeBodyRewriter.of(ctx, rewrite);
  }
}
