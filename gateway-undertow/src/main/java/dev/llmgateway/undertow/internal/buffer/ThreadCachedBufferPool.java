package dev.llmgateway.undertow.internal.buffer;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The gateway's I/O buffers: each thread keeps a few freed buffers for its next allocations, and the rest go to a
 * shared lock-free queue, so that allocating and freeing on an IO thread takes no lock. Undertow's
 * {@code DefaultByteBufferPool} finds its per-thread cache in a synchronized map instead, on every call; that
 * monitor was 2% of the CPU of a proxied request. Buffers are never dropped once made: like the pool it replaces
 * (configured without a maximum), memory stays at the high-water mark of buffers in use.
 */
public final class ThreadCachedBufferPool implements ByteBufferPool {
  private final boolean direct;
  private final int bufferSize;
  private final int threadCacheSize;
  private final ThreadLocal<ArrayDeque<ByteBuffer>> cache;
  private final ConcurrentLinkedQueue<ByteBuffer> shared = new ConcurrentLinkedQueue<>();
  private final ThreadCachedBufferPool arrayBacked;
  private volatile boolean closed;

  /**
   * @param direct direct (off-heap) buffers, as socket I/O wants them
   * @param bufferSize bytes per buffer
   * @param threadCacheSize freed buffers each thread keeps for itself before sharing them
   */
  public ThreadCachedBufferPool(boolean direct, int bufferSize, int threadCacheSize) {
    if (bufferSize <= 0 || threadCacheSize < 0) {
      throw new IllegalArgumentException("bufferSize must be positive and threadCacheSize not negative");
    }
    this.direct = direct;
    this.bufferSize = bufferSize;
    this.threadCacheSize = threadCacheSize;
    this.cache = ThreadLocal.withInitial(() -> new ArrayDeque<>(threadCacheSize));
    this.arrayBacked = direct ? new ThreadCachedBufferPool(false, bufferSize, threadCacheSize) : null;
  }

  @Override
  public PooledByteBuffer allocate() {
    if (closed) {
      throw new IllegalStateException("the buffer pool is closed");
    }
    ByteBuffer b = cache.get().pollLast();
    if (b == null) {
      b = shared.poll();
    }
    if (b == null) {
      b = direct ? ByteBuffer.allocateDirect(bufferSize) : ByteBuffer.allocate(bufferSize);
    }
    return new Pooled(this, b);
  }

  private void free(ByteBuffer b) {
    if (closed) {
      return;
    }
    b.clear();
    ArrayDeque<ByteBuffer> mine = cache.get();
    if (mine.size() < threadCacheSize) {
      mine.addLast(b);
    } else {
      shared.offer(b);
    }
  }

  @Override
  public ByteBufferPool getArrayBackedPool() {
    return direct ? arrayBacked : this;
  }

  @Override
  public void close() {
    closed = true;
    shared.clear();
    if (direct) {
      arrayBacked.close();
    }
  }

  @Override
  public int getBufferSize() {
    return bufferSize;
  }

  @Override
  public boolean isDirect() {
    return direct;
  }

  /** One allocation: closing returns the buffer once, whichever thread closes it and however often. */
  private static final class Pooled implements PooledByteBuffer {
    private static final AtomicIntegerFieldUpdater<Pooled> FREED =
        AtomicIntegerFieldUpdater.newUpdater(Pooled.class, "freed");
    private final ThreadCachedBufferPool pool;
    private final ByteBuffer buffer;
    private volatile int freed;

    Pooled(ThreadCachedBufferPool pool, ByteBuffer buffer) {
      this.pool = pool;
      this.buffer = buffer;
    }

    @Override
    public ByteBuffer getBuffer() {
      if (freed != 0) {
        throw new IllegalStateException("the buffer was already freed");
      }
      return buffer;
    }

    @Override
    public void close() {
      if (FREED.compareAndSet(this, 0, 1)) {
        pool.free(buffer);
      }
    }

    @Override
    public boolean isOpen() {
      return freed == 0;
    }
  }
}
