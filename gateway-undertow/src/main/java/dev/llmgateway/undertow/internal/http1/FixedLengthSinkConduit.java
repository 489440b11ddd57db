package dev.llmgateway.undertow.internal.http1;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.ConduitWritableByteChannel;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSinkConduit;

/**
 * A request body of a declared length written to an upstream connection. Never writes past the length, refuses to
 * end short of it, and ending it leaves the connection open: it carries the next request once the response is read.
 */
final class FixedLengthSinkConduit extends AbstractStreamSinkConduit<StreamSinkConduit> {
  private long remaining;
  private boolean shut;

  FixedLengthSinkConduit(StreamSinkConduit next, long length) {
    super(next);
    this.remaining = length;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    if (!src.hasRemaining()) {
      return 0;
    }
    if (remaining == 0 || shut) {
      throw new IOException("request body longer than its Content-Length");
    }
    int limit = src.limit();
    if (src.remaining() > remaining) {
      src.limit(src.position() + (int) remaining);
    }
    try {
      int n = next.write(src);
      remaining -= n;
      return n;
    } finally {
      src.limit(limit);
    }
  }

  @Override
  public long write(ByteBuffer[] srcs, int offs, int len) throws IOException {
    long total = 0;
    for (int i = offs; i < offs + len; i++) {
      while (srcs[i].hasRemaining()) {
        int n = write(srcs[i]);
        if (n == 0) {
          return total;
        }
        total += n;
      }
    }
    return total;
  }

  @Override
  public int writeFinal(ByteBuffer src) throws IOException {
    return Conduits.writeFinalBasic(this, src);
  }

  @Override
  public long writeFinal(ByteBuffer[] srcs, int offs, int len) throws IOException {
    return Conduits.writeFinalBasic(this, srcs, offs, len);
  }

  @Override
  public long transferFrom(FileChannel src, long position, long count) throws IOException {
    return src.transferTo(position, Math.min(count, remaining), new ConduitWritableByteChannel(this));
  }

  @Override
  public long transferFrom(StreamSourceChannel source, long count, ByteBuffer throughBuffer) throws IOException {
    return IoUtils.transfer(source, Math.min(count, remaining), throughBuffer, new ConduitWritableByteChannel(this));
  }

  @Override
  public void terminateWrites() throws IOException {
    if (shut) {
      return;
    }
    if (remaining > 0) {
      throw new IOException("request body ended " + remaining + " bytes short of its Content-Length");
    }
    shut = true; // the connection itself stays open
  }

  @Override
  public boolean isWriteShutdown() {
    return shut || next.isWriteShutdown();
  }
}
