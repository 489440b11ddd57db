package dev.llmgateway.plugin;

import java.nio.ByteBuffer;

/**
 * Changes a response body as it streams to the client, chunk by chunk, on the IO thread: it may pass a chunk on,
 * drop bytes, or hold an incomplete piece (an SSE event) until the rest arrives, but must never hold the whole
 * body. {@link BodyObserver}s still see the upstream's bytes, before any rewriting. A rewritten response is sent
 * without {@code Content-Length}. Never block.
 */
public interface BodyRewriter {
  /**
   * Returns the bytes the client gets for this upstream chunk (possibly none, possibly more than the chunk). The
   * chunk is read-only and valid only during the call; the returned buffer is read before the next call, so a
   * rewriter may reuse one output buffer.
   */
  ByteBuffer rewrite(ByteBuffer chunk);

  /** The upstream body ended normally: the bytes still held, or null for none. */
  default ByteBuffer finish() {
    return null;
  }
}
