package dev.llmgateway.undertow.internal.http1;

import io.undertow.connector.PooledByteBuffer;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.conduits.StreamSourceConduit;

/**
 * A response body framed by {@code Content-Length}, or, with no length, by the connection's close. Serves the
 * body bytes that arrived with the head first, then reads the socket, never past the length: a read asks the
 * socket for at most what is left, so bytes after the body stay unread (and the connection is then not reused).
 */
final class LengthSourceConduit extends HeldBytesSourceConduit {
  private final BodyEnd end;
  private final boolean untilClose;
  private PooledByteBuffer initial; // read mode
  private long remaining;

  /** @param length the body length, or -1 for a body that ends when the upstream closes the connection */
  LengthSourceConduit(StreamSourceConduit next, PooledByteBuffer initial, long length, BodyEnd end) {
    super(next);
    this.initial = initial;
    this.untilClose = length < 0;
    this.remaining = untilClose ? Long.MAX_VALUE : length;
    this.end = end;
    if (!untilClose) {
      checkEnd();
    }
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (ended) {
      return -1;
    }
    if (!dst.hasRemaining()) {
      return 0;
    }
    int n;
    if (initial != null) {
      ByteBuffer src = initial.getBuffer();
      n = (int) Math.min(Math.min(src.remaining(), dst.remaining()), remaining);
      int limit = src.limit();
      src.limit(src.position() + n);
      dst.put(src);
      src.limit(limit);
    } else {
      int limit = dst.limit();
      if (dst.remaining() > remaining) {
        dst.limit(dst.position() + (int) remaining);
      }
      try {
        n = next.read(dst);
      } finally {
        dst.limit(limit);
      }
      if (n < 0) {
        ended = true;
        if (!untilClose) {
          throw new EOFException("upstream closed the connection " + remaining + " bytes before the body's end");
        }
        end.ended(false);
        return -1;
      }
    }
    remaining -= n;
    checkEnd();
    return n;
  }

  /** Reports the end once the length is reached, and whether bytes beyond it arrived with the head. */
  private void checkEnd() {
    boolean extra = false;
    if (initial != null && (!initial.getBuffer().hasRemaining() || remaining == 0)) {
      extra = initial.getBuffer().hasRemaining();
      initial.close();
      initial = null;
    }
    if (remaining == 0 && !ended) {
      ended = true;
      end.ended(extra);
    }
  }

  /** Gives back the buffered head bytes without touching the connection (it is being closed or reused). */
  @Override
  void release() {
    if (initial != null) {
      initial.close();
      initial = null;
    }
  }

  @Override
  boolean holdsBytes() {
    return initial != null;
  }
}
