package dev.llmgateway.undertow.internal.http1;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitReadableByteChannel;
import org.xnio.conduits.StreamSourceConduit;

/**
 * A body source that may hold bytes already read from the socket (those that came with the head, or raw bytes a
 * decoder has not used yet). Such bytes, and the body's end, wake readers here instead of waiting on the socket;
 * the framing itself is the subclass's single-buffer {@link #read(ByteBuffer)}.
 */
abstract class HeldBytesSourceConduit extends AbstractStreamSourceConduit<StreamSourceConduit> {
  /** Set once the body has ended (or its framing was lost): reads answer -1 and nothing waits on the socket. */
  protected boolean ended;

  HeldBytesSourceConduit(StreamSourceConduit next) {
    super(next);
  }

  /** True while body bytes wait in this conduit rather than on the socket. */
  abstract boolean holdsBytes();

  /** Gives back any buffer held, without touching the connection. */
  abstract void release();

  @Override
  public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
    for (int i = offs; i < offs + len; i++) {
      if (dsts[i].hasRemaining()) {
        return read(dsts[i]);
      }
    }
    return 0;
  }

  @Override
  public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
    return IoUtils.transfer(new ConduitReadableByteChannel(this), count, throughBuffer, target);
  }

  @Override
  public long transferTo(long position, long count, FileChannel target) throws IOException {
    return target.transferFrom(new ConduitReadableByteChannel(this), position, count);
  }

  @Override
  public void resumeReads() {
    if (holdsBytes() || ended) {
      next.wakeupReads(); // bytes (or the end) are waiting here, not on the socket
    } else {
      next.resumeReads();
    }
  }

  @Override
  public void terminateReads() throws IOException {
    release();
    ended = true;
    next.terminateReads();
  }

  @Override
  public void awaitReadable() throws IOException {
    if (!holdsBytes() && !ended) {
      next.awaitReadable();
    }
  }

  @Override
  public void awaitReadable(long time, TimeUnit timeUnit) throws IOException {
    if (!holdsBytes() && !ended) {
      next.awaitReadable(time, timeUnit);
    }
  }
}
