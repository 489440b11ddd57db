package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.plugin.BodyObserver;
import dev.llmgateway.plugin.BodyRewriter;
import dev.llmgateway.undertow.internal.upstream.BodyObservers;
import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
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
   * The read buffer, from the proxy's pool (direct, like the plain relay's: a socket read into a heap buffer goes
   * through a temporary direct one and costs a copy per chunk; rewriters and observers get read-only views, which
   * never expose an array either way), given back at the body's end or on close; a stream abandoned without either
   * leaves it to the collector.
   */
  private PooledByteBuffer pooled;
  private final ByteBuffer raw;
  private final ByteBuffer observed; // one view for the observers, one for the rewriters, reused every chunk
  private final ByteBuffer input;
  private ByteBuffer pending;
  private boolean ended;

  RewrittenSource(StreamSourceChannel upstream, BodyRewriter[] rewriters, BodyObserver[] observers,
      ByteBufferPool buffers) {
    this.upstream = upstream;
    this.rewriters = rewriters;
    this.observers = new BodyObservers(observers);
    this.pooled = buffers.allocate();
    this.raw = pooled.getBuffer();
    this.observed = raw.asReadOnlyBuffer();
    this.input = raw.asReadOnlyBuffer();
  }

  private void release() {
    if (pooled != null) {
      pooled.close();
      pooled = null;
    }
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
    if (pooled == null) {
      throw new ClosedChannelException();
    }
    while (true) {
      raw.clear();
      int n = upstream.read(raw);
      if (n < 0) {
        ended = true;
        release();
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
      raw.flip();
      observers.chunk(observed, raw.limit());
      ByteBuffer out = input.limit(raw.limit()).position(0);
      for (BodyRewriter r : rewriters) {
        out = r.rewrite(out);
        if (out == null || !out.hasRemaining()) {
          break;
        }
      }
      if (out != null && out.hasRemaining()) {
        return put(out, dst);
      }
      // the whole chunk was held or dropped: read on, so a reader never waits for bytes already here
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
    release();
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
