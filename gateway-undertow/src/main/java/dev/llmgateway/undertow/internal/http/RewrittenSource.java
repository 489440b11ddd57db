package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.plugin.BodyObserver;
import dev.llmgateway.plugin.BodyRewriter;
import dev.llmgateway.undertow.internal.upstream.BodyObservers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.util.concurrent.TimeUnit;
import org.xnio.ChannelListener;
import org.xnio.Option;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.channels.StreamSourceChannel;

/**
 * The upstream response body as plugins' {@link BodyRewriter}s make it: each read takes what the upstream has,
 * shows it to the observers as it came, rewrites it, and hands out the result; bytes that do not fit the reader's
 * buffer wait for the next read. Everything else is the upstream channel's. Used only when a plugin rewrites, so
 * the plain relay path stays untouched.
 */
final class RewrittenSource implements StreamSourceChannel {
  private final StreamSourceChannel upstream;
  private final BodyRewriter[] rewriters;
  private final BodyObservers observers;
  /**
   * The reader's buffer (the relay's per-thread scratch buffer, the same one read after read) and two read-only
   * views of it, one for the observers and one for the rewriters. The upstream is read straight into the reader's
   * buffer, as on the plain relay: a chunk a rewriter passes on unchanged (most of a stream) is then already where
   * it must be, with no buffer of this stream's own to fill and copy out of.
   */
  private ByteBuffer viewed;
  private ByteBuffer observed;
  private ByteBuffer input;
  private ByteBuffer pending;
  private boolean ended;
  private boolean closed;

  RewrittenSource(StreamSourceChannel upstream, BodyRewriter[] rewriters, BodyObserver[] observers) {
    this.upstream = upstream;
    this.rewriters = rewriters;
    this.observers = new BodyObservers(observers);
  }

  /**
   * The observers' stand-in for the relay: it hears only the end, since the chunks were shown here already, as the
   * upstream sent them.
   */
  BodyObserver[] endOnly() {
    if (observers.isEmpty()) {
      return null;
    }
    return new BodyObserver[] {new BodyObserver() {
      @Override
      public void onChunk(ByteBuffer chunk) {}

      @Override
      public void onEnd(boolean complete) {
        observers.end(complete);
      }
    }};
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (pending != null) {
      return drainPending(dst);
    }
    if (ended) {
      return -1;
    }
    if (closed) {
      throw new ClosedChannelException();
    }
    int start = dst.position();
    while (true) {
      int n = upstream.read(dst);
      if (n < 0) {
        ended = true;
        ByteBuffer tail = finish();
        if (tail == null || !tail.hasRemaining()) {
          return -1;
        }
        pending = copy(tail);
        return drainPending(dst);
      }
      if (n == 0) {
        return 0;
      }
      int end = start + n;
      views(dst);
      observers.chunk(observed, start, end);
      ByteBuffer out = input.limit(end).position(start);
      for (BodyRewriter r : rewriters) {
        out = r.rewrite(out);
        if (out == null || !out.hasRemaining()) {
          break;
        }
      }
      if (out == input && out.position() == start && out.limit() == end) {
        return n; // passed on as it came: the bytes are in place already
      }
      dst.position(start);
      if (out != null && out.hasRemaining()) {
        // A direct result may be a slice of dst itself, which an in-place copy could overrun: copy it out first.
        return put(out.isDirect() ? copy(out) : out, dst);
      }
      // the whole chunk was held or dropped: read on, so a reader never waits for bytes already here
    }
  }

  /** The views of the reader's buffer, made again only when the reader brings another buffer. */
  private void views(ByteBuffer dst) {
    if (dst != viewed) {
      viewed = dst;
      observed = dst.asReadOnlyBuffer();
      input = dst.asReadOnlyBuffer();
    }
  }

  /** What the rewriters still hold, passed through those after each. */
  private ByteBuffer finish() {
    ByteBuffer carried = null;
    for (BodyRewriter r : rewriters) {
      ByteBuffer in = carried;
      if (in != null && in.hasRemaining()) {
        ByteBuffer rewritten = r.rewrite(in);
        in = rewritten == null ? null : copy(rewritten);
      }
      ByteBuffer tail = r.finish();
      carried = concat(in, tail);
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

  private int put(ByteBuffer out, ByteBuffer dst) {
    int n = transfer(out, dst);
    if (out.hasRemaining()) {
      pending = copy(out);
    }
    return n;
  }

  private int drainPending(ByteBuffer dst) {
    int n = transfer(pending, dst);
    if (!pending.hasRemaining()) {
      pending = null;
    }
    return n;
  }

  /** Moves as much of {@code from} as fits into {@code dst}; absolute bulk put, so no view is made per chunk. */
  private static int transfer(ByteBuffer from, ByteBuffer dst) {
    int n = Math.min(from.remaining(), dst.remaining());
    dst.put(dst.position(), from, from.position(), n);
    dst.position(dst.position() + n);
    from.position(from.position() + n);
    return n;
  }

  private static ByteBuffer copy(ByteBuffer b) {
    ByteBuffer c = ByteBuffer.allocate(b.remaining());
    c.put(b.duplicate()).flip();
    return c;
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      if (dsts[i].hasRemaining()) {
        return read(dsts[i]);
      }
    }
    return 0;
  }

  @Override
  public long read(ByteBuffer[] dsts) throws IOException {
    return read(dsts, 0, dsts.length);
  }

  @Override
  public long transferTo(long position, long count, FileChannel target) throws IOException {
    throw new UnsupportedOperationException("a rewritten body is read into buffers");
  }

  @Override
  public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
    throw new UnsupportedOperationException("a rewritten body is read into buffers");
  }

  @Override
  public ChannelListener.Setter<? extends StreamSourceChannel> getReadSetter() {
    return upstream.getReadSetter();
  }

  @Override
  public ChannelListener.Setter<? extends StreamSourceChannel> getCloseSetter() {
    return upstream.getCloseSetter();
  }

  @Override
  public void suspendReads() {
    upstream.suspendReads();
  }

  @Override
  @SuppressWarnings("deprecation") // xnio deprecates wakeupReads but it is the one call that re-fires the listener
  public void resumeReads() {
    if (pending != null) {
      upstream.wakeupReads(); // bytes are waiting here, not in the socket
    } else {
      upstream.resumeReads();
    }
  }

  @Override
  public boolean isReadResumed() {
    return upstream.isReadResumed();
  }

  @Override
  @Deprecated
  @SuppressWarnings("deprecation") // the channel contract still has it; delegate as it is
  public void wakeupReads() {
    upstream.wakeupReads();
  }

  @Override
  public void shutdownReads() throws IOException {
    upstream.shutdownReads();
  }

  @Override
  public void awaitReadable() throws IOException {
    upstream.awaitReadable();
  }

  @Override
  public void awaitReadable(long time, TimeUnit timeUnit) throws IOException {
    upstream.awaitReadable(time, timeUnit);
  }

  @Override
  @Deprecated
  public XnioExecutor getReadThread() {
    return upstream.getIoThread();
  }

  @Override
  public XnioIoThread getIoThread() {
    return upstream.getIoThread();
  }

  @Override
  public XnioWorker getWorker() {
    return upstream.getWorker();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    upstream.close();
  }

  @Override
  public boolean isOpen() {
    return upstream.isOpen();
  }

  @Override
  public boolean supportsOption(Option<?> option) {
    return upstream.supportsOption(option);
  }

  @Override
  public <T> T getOption(Option<T> option) throws IOException {
    return upstream.getOption(option);
  }

  @Override
  public <T> T setOption(Option<T> option, T value) throws IOException {
    return upstream.setOption(option, value);
  }

}
