package dev.llmgateway.undertow.internal.http1;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.conduits.StreamSourceConduit;

/**
 * A chunked body read through a {@link ChunkedDecoder}: yields the body's data and reports its end once, handing
 * over the bytes read past it (the next message on the connection, or garbage) to the owner. Raw bytes wait in a
 * pooled buffer only between reads that could not use them, so an idle stream holds no buffer.
 */
final class ChunkedSourceConduit extends HeldBytesSourceConduit {
  /** Hears the end of the body; {@code leftover} holds the bytes after it, or is null when there are none. */
  interface End {
    void ended(PooledByteBuffer leftover);
  }

  private static final int MAX_TRAILER_BYTES = 8192;

  private final ChunkedDecoder decoder = new ChunkedDecoder(MAX_TRAILER_BYTES);
  private final ByteBufferPool pool;
  private final End end;
  private PooledByteBuffer raw; // read mode; bytes read from next but not decoded yet

  /** @param initial bytes already read from the connection that belong to this body (may be null) */
  ChunkedSourceConduit(StreamSourceConduit next, PooledByteBuffer initial, ByteBufferPool pool, End end) {
    super(next);
    this.raw = initial;
    this.pool = pool;
    this.end = end;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (ended) {
      return -1;
    }
    int total = 0;
    while (dst.hasRemaining()) {
      if (raw != null && raw.getBuffer().hasRemaining()) {
        total += decode(dst);
        if (ended) {
          return total > 0 ? total : -1;
        }
        continue;
      }
      if (total > 0) {
        return total; // deliver what arrived now rather than wait for more: streams stay streams
      }
      int n = fill();
      if (n == 0) {
        return 0;
      }
    }
    return total;
  }

  private int decode(ByteBuffer dst) throws IOException {
    int n;
    try {
      n = decoder.decode(raw.getBuffer(), dst);
    } catch (MalformedMessageException e) {
      release();
      ended = true; // nothing more is read from a connection whose framing is lost
      throw e;
    }
    if (decoder.isDone()) {
      ended = true;
      PooledByteBuffer leftover = raw.getBuffer().hasRemaining() ? raw : null;
      if (leftover == null) {
        release();
      }
      raw = null;
      end.ended(leftover);
    }
    return n;
  }

  /** Reads more raw bytes; 0 when none are waiting (the buffer is then given back). */
  private int fill() throws IOException {
    if (raw == null) {
      raw = pool.allocate();
    }
    ByteBuffer b = raw.getBuffer();
    b.clear();
    int n;
    try {
      n = next.read(b);
    } finally {
      b.flip();
    }
    if (n == -1) {
      release();
      throw new EOFException("connection closed inside a chunked body");
    }
    if (n == 0) {
      release();
    }
    return n;
  }

  @Override
  void release() {
    if (raw != null) {
      raw.close();
      raw = null;
    }
  }

  @Override
  boolean holdsBytes() {
    return raw != null && raw.getBuffer().hasRemaining();
  }
}
