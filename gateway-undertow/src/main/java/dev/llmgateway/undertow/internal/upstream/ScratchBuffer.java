package dev.llmgateway.undertow.internal.upstream;

import java.nio.ByteBuffer;

/**
 * The buffer relays read into, one per IO thread. A read is written out before the thread does anything else, so
 * one buffer serves every relay of the thread: no allocation per chunk, and an idle stream holds no buffer. Only
 * bytes a slow sink cannot take yet are copied into a pooled buffer. The read-only views are what observers and
 * rewriters see (one each, so neither moves the other's position).
 */
final class ScratchBuffer {
  static final int SIZE = 16 * 1024;
  private static final ThreadLocal<ScratchBuffer> CURRENT = ThreadLocal.withInitial(ScratchBuffer::new);

  final ByteBuffer buffer = ByteBuffer.allocateDirect(SIZE);
  final ByteBuffer view = buffer.asReadOnlyBuffer();
  final ByteBuffer input = buffer.asReadOnlyBuffer();

  private ScratchBuffer() {}

  /** The calling thread's buffer. */
  static ScratchBuffer current() {
    return CURRENT.get();
  }
}
