package dev.llmgateway.undertow.internal.upstream;

import dev.llmgateway.plugin.BodyObserver;
import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import org.xnio.ChannelListener;
import org.xnio.XnioIoThread;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.channels.StreamSourceChannel;

/**
 * Streams one body from a source channel to a sink channel on an IO thread: every read is written and flushed at
 * once (so each SSE event leaves when it arrives, on HTTP/1.1 and HTTP/2 alike); a slow sink suspends the source
 * (back-pressure, constant memory). Reads go into the IO thread's {@link ScratchBuffer}; a pooled buffer is held
 * only while bytes wait for a slow sink, so an idle stream holds none and a chunk allocates nothing. Observers see
 * each read as a read-only view, as the source sent it; then {@link BodyRewriters}, when a plugin rewrites, make
 * what the sink gets.
 */
public final class Relay {
  /** What the owner hears; called on the IO thread, at most one of them once. */
  public interface Events {
    /** The source ended; the sink is about to be shut down. */
    default void sourceEnded(Relay relay) {}

    /** The source ended and the sink was shut down and flushed. */
    void relayed(Relay relay);

    void sourceFailed(Relay relay, IOException e);

    void sinkFailed(Relay relay, IOException e);
  }

  private static final int READS_PER_TURN = 16;
  private static final BodyObservers NO_OBSERVERS = new BodyObservers(new BodyObserver[0]);

  private final StreamSourceChannel source;
  private final StreamSinkChannel sink;
  private final ByteBufferPool pool;
  private final XnioIoThread thread;
  private final Events events;
  private final Runnable readTask = this::readLoop;
  private BodyObservers observers = NO_OBSERVERS;
  private BodyRewriters rewriters;
  private IdleTimer sourceIdle;
  private IdleTimer sinkStall;
  private long sinkStallMillis;
  private ByteBuffer pending;
  private PooledByteBuffer pendingPooled;
  private boolean finishing;
  private boolean done;
  private long bytes;

  /** @param source null when the whole body is the prefix given to {@link #start} */
  public Relay(StreamSourceChannel source, StreamSinkChannel sink, ByteBufferPool pool, XnioIoThread thread,
      Events events) {
    this.source = source;
    this.sink = sink;
    this.pool = pool;
    this.thread = thread;
    this.events = events;
  }

  /** Observers fed each read; null or empty for none. */
  public Relay observers(BodyObserver[] observers) {
    this.observers = observers == null || observers.length == 0 ? NO_OBSERVERS : new BodyObservers(observers);
    return this;
  }

  /** Rewriters applied to each read after the observers; null for none. */
  public Relay rewriters(BodyRewriters rewriters) {
    this.rewriters = rewriters;
    return this;
  }

  /** A timer touched on every read (the upstream read timeout). */
  public Relay sourceIdle(IdleTimer timer) {
    this.sourceIdle = timer;
    return this;
  }

  /** A timer run while the sink accepts nothing (write timeout, or the client send timeout). */
  public Relay sinkStall(IdleTimer timer, long millis) {
    this.sinkStall = timer;
    this.sinkStallMillis = millis;
    return this;
  }

  /** Body bytes handed to the sink so far, as rewritten (the prefix not included). */
  public long bytes() {
    return bytes;
  }

  /**
   * Writes {@code prefix} (may be null) and flushes it, then relays the source until it ends. Whatever the sink
   * holds unwritten (a response head) goes out with the first bytes read, or alone at once when no bytes are
   * waiting: one write for a small response, and no delay for a stream whose first event is still to come.
   */
  public void start(ByteBuffer prefix) {
    if (source != null) {
      source.getReadSetter().set((ChannelListener<StreamSourceChannel>) c -> readLoop());
    }
    sink.getWriteSetter().set((ChannelListener<StreamSinkChannel>) c -> writable());
    if (prefix != null && prefix.hasRemaining() && (!write(prefix, null, false) || !flushed())) {
      return;
    }
    readLoop();
  }

  /** Stops relaying without touching the channels' state beyond suspending them; the owner closes them. */
  public void abort() {
    if (done) {
      return;
    }
    done = true;
    releasePending();
    if (sinkStall != null) {
      sinkStall.stop();
    }
    if (source != null) {
      source.suspendReads();
    }
    sink.suspendWrites();
  }

  private void readLoop() {
    if (done || finishing || pending != null) {
      return;
    }
    if (source == null) {
      endOfSource();
      return;
    }
    ScratchBuffer scratch = ScratchBuffer.current();
    ByteBuffer buf = scratch.buffer;
    for (int i = 0; i < READS_PER_TURN; i++) {
      buf.clear();
      int n;
      try {
        n = source.read(buf);
      } catch (IOException e) {
        fail(e, true);
        return;
      }
      if (n <= 0) {
        if (n < 0) {
          endOfSource();
        } else if (flushed()) { // nothing more yet: what the sink holds (a response head) must not wait
          source.resumeReads();
        }
        return;
      }
      if (sourceIdle != null) {
        sourceIdle.touch();
      }
      buf.flip();
      if (!observers.isEmpty()) {
        observers.chunk(scratch.view, buf.limit());
      }
      ByteBuffer out = buf;
      if (rewriters != null) {
        try {
          out = rewriters.chunk(scratch.input, n);
        } catch (RuntimeException e) {
          rewriteFailed(e);
          return;
        }
        if (out == null) {
          continue; // held or dropped: read on, so the sink never waits for bytes already here
        }
        if (out == scratch.input && out.position() == 0 && out.limit() == n) {
          out = buf; // passed on as it came
        }
      }
      bytes += out.remaining();
      if (!write(out, null, true) || !flushed()) {
        return;
      }
    }
    thread.execute(readTask); // a long body yields the thread to other connections between turns
  }

  /**
   * Writes all of {@code buf}; false when the sink is blocked or failed. Bytes the sink cannot take yet become
   * pending: {@code owner}'s buffer as is, or, for the thread's scratch buffer ({@code owner} null and
   * {@code copy} true), a copy in a pooled buffer.
   */
  private boolean write(ByteBuffer buf, PooledByteBuffer owner, boolean copy) {
    try {
      while (buf.hasRemaining()) {
        if (sink.write(buf) == 0) {
          break;
        }
      }
    } catch (IOException e) {
      fail(e, false);
      return false;
    }
    if (!buf.hasRemaining()) {
      return true;
    }
    if (copy) {
      PooledByteBuffer pooled = pool.allocate();
      ByteBuffer b = pooled.getBuffer();
      if (b.capacity() >= buf.remaining()) {
        b.clear();
        b.put(buf).flip();
        pending = b;
        pendingPooled = pooled;
      } else { // a rewriter's output can outgrow a pooled buffer (an event it held, sent with the next read)
        pooled.close();
        pending = ByteBuffer.allocate(buf.remaining()).put(buf).flip();
        pendingPooled = null;
      }
    } else {
      pending = buf;
      pendingPooled = owner;
    }
    block();
    return false;
  }

  /** Flushes the sink; false when it must wait for writability (already arranged) or failed. */
  private boolean flushed() {
    try {
      if (sink.flush()) {
        return true;
      }
    } catch (IOException e) {
      fail(e, false);
      return false;
    }
    block();
    return false;
  }

  /** True while the relay waits for the sink to take what it has, not for the source. */
  public boolean sinkBlocked() {
    return !done && sink.isWriteResumed();
  }

  private void block() {
    if (source != null) {
      source.suspendReads();
    }
    sink.resumeWrites();
    if (sinkStall != null) {
      sinkStall.start(sinkStallMillis);
    }
  }

  private void writable() {
    if (done) {
      return;
    }
    if (pending == null && !finishing && !sink.isOpen()) {
      // A wake-up with nothing to write: an HTTP/2 stream reset (Undertow closes the stream, then wakes writers).
      fail(new ClosedChannelException(), false);
      return;
    }
    if (pending != null) {
      ByteBuffer buf = pending;
      pending = null;
      PooledByteBuffer owner = pendingPooled;
      pendingPooled = null;
      if (!write(buf, owner, false)) {
        if (pending == null && owner != null) {
          owner.close();
        }
        return;
      }
      if (owner != null) {
        owner.close();
      }
    }
    try {
      if (!sink.flush()) {
        return;
      }
    } catch (IOException e) {
      fail(e, false);
      return;
    }
    sink.suspendWrites();
    if (sinkStall != null) {
      sinkStall.stop();
    }
    if (finishing) {
      finished();
    } else {
      readLoop();
    }
  }

  private void endOfSource() {
    if (rewriters != null) {
      ByteBuffer tail;
      try {
        tail = rewriters.finish(); // null when called again, after a blocked sink took the tail
      } catch (RuntimeException e) {
        rewriteFailed(e);
        return;
      }
      if (tail != null && tail.hasRemaining()) {
        bytes += tail.remaining();
        if (!write(tail, null, false)) { // the tail is a buffer of its own: it waits as it is, uncopied
          return; // writable() sends the rest, then reads again and comes back here at the end of the source
        }
      }
    }
    observers.end(true);
    finishing = true;
    events.sourceEnded(this);
    try {
      sink.shutdownWrites();
      if (!sink.flush()) {
        block();
        return;
      }
    } catch (IOException e) {
      fail(e, false);
      return;
    }
    finished();
  }

  /** A plugin's rewriter threw: the body breaks off rather than going on unrewritten. */
  private void rewriteFailed(RuntimeException e) {
    fail(new IOException("a plugin failed rewriting the response body", e), true);
  }

  private void finished() {
    done = true;
    if (sinkStall != null) {
      sinkStall.stop();
    }
    events.relayed(this);
  }

  private void fail(IOException e, boolean sourceSide) {
    if (done) {
      return;
    }
    abort();
    if (sourceSide) {
      events.sourceFailed(this, e);
    } else {
      events.sinkFailed(this, e);
    }
  }

  private void releasePending() {
    pending = null;
    if (pendingPooled != null) {
      pendingPooled.close();
      pendingPooled = null;
    }
  }

  /** Tells observers the body ended early (the owner calls this on an abort it caused); once only. */
  public void endObservers(boolean complete) {
    observers.end(complete);
  }

}
