package dev.llmgateway.internal.llm;

import java.nio.ByteBuffer;

/**
 * A reader of bytes in arrays, fed a body's chunks as ByteBuffers. The gateway's buffers come in several classes
 * (read-only views of direct buffers on the relay), and a scan calling {@code get(i)} pays a type-checked or virtual
 * call a byte where an array costs a load: each chunk is copied in bulk into the thread's scratch array first.
 */
interface ArrayFeed {
  /** Each IO thread's copy of the chunk being read; any size works, larger chunks go through in pieces. */
  ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[8192]);

  /** Reads {@code len} bytes of {@code b} from {@code off}; the array is valid only during the call. */
  void feed(byte[] b, int off, int len);

  /**
   * The bytes between the buffer's position and limit, copied to the start of the thread's scratch array (valid
   * until the thread's next scan), or null when they do not fit; the buffer is left as it was.
   */
  static byte[] copied(ByteBuffer b) {
    byte[] scratch = SCRATCH.get();
    int n = b.remaining();
    if (n > scratch.length) {
      return null;
    }
    b.get(b.position(), scratch, 0, n);
    return scratch;
  }

  /** Reads the bytes between the buffer's position and limit; the buffer is left as it was. */
  default void feed(ByteBuffer b) {
    byte[] scratch = SCRATCH.get();
    int at = b.position();
    int end = b.limit();
    while (at < end) {
      int n = Math.min(scratch.length, end - at);
      b.get(at, scratch, 0, n);
      feed(scratch, 0, n);
      at += n;
    }
  }
}
