package dev.llmgateway.undertow.internal.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.undertow.connector.PooledByteBuffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ThreadCachedBufferPoolTest {

  @Test
  void allocatesClearedBuffersOfTheConfiguredKind() {
    ThreadCachedBufferPool pool = new ThreadCachedBufferPool(true, 1024, 2);
    PooledByteBuffer p = pool.allocate();
    assertThat(p.getBuffer().isDirect()).isTrue();
    assertThat(p.getBuffer().capacity()).isEqualTo(1024);
    p.getBuffer().put((byte) 7).flip();
    p.close();

    ByteBuffer again = pool.allocate().getBuffer();
    assertThat(again.position()).isZero();
    assertThat(again.limit()).isEqualTo(1024);
    assertThat(pool.getArrayBackedPool().allocate().getBuffer().hasArray()).isTrue();
    assertThat(pool.getArrayBackedPool().isDirect()).isFalse();
  }

  @Test
  void aFreedBufferIsReusedByTheSameThread() {
    ThreadCachedBufferPool pool = new ThreadCachedBufferPool(false, 64, 4);
    PooledByteBuffer first = pool.allocate();
    ByteBuffer b = first.getBuffer();
    first.close();
    assertThat(pool.allocate().getBuffer()).isSameAs(b);
  }

  @Test
  void closingTwiceReturnsTheBufferOnceAndAClosedBufferCannotBeUsed() {
    ThreadCachedBufferPool pool = new ThreadCachedBufferPool(false, 64, 4);
    PooledByteBuffer p = pool.allocate();
    p.close();
    p.close();
    assertThat(p.isOpen()).isFalse();
    assertThatThrownBy(p::getBuffer).isInstanceOf(IllegalStateException.class);

    ByteBuffer a = pool.allocate().getBuffer();
    ByteBuffer b = pool.allocate().getBuffer();
    assertThat(a).isNotSameAs(b);
  }

  @Test
  void buffersBeyondAThreadsCacheReachOtherThreads() throws Exception {
    ThreadCachedBufferPool pool = new ThreadCachedBufferPool(false, 64, 1);
    List<PooledByteBuffer> held = List.of(pool.allocate(), pool.allocate(), pool.allocate());
    Map<ByteBuffer, Boolean> made = new IdentityHashMap<>();
    held.forEach(p -> made.put(p.getBuffer(), true));
    held.forEach(PooledByteBuffer::close); // one stays in this thread's cache, two are shared

    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      List<ByteBuffer> got = other.submit(() -> List.of(pool.allocate().getBuffer(), pool.allocate().getBuffer(),
          pool.allocate().getBuffer())).get(10, TimeUnit.SECONDS);
      assertThat(got.stream().filter(made::containsKey).count()).isEqualTo(2);
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void concurrentAllocationsNeverHandOutTheSameBufferTwice() throws Exception {
    ThreadCachedBufferPool pool = new ThreadCachedBufferPool(false, 16, 2);
    int threads = 4;
    int rounds = 20_000;
    ExecutorService exec = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger clashes = new AtomicInteger();
    List<CompletableFuture<Void>> done = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        byte mark = (byte) (t + 1);
        done.add(CompletableFuture.runAsync(() -> {
          try {
            start.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          for (int i = 0; i < rounds; i++) {
            PooledByteBuffer a = pool.allocate();
            PooledByteBuffer b = pool.allocate();
            a.getBuffer().put(0, mark);
            b.getBuffer().put(0, mark);
            Thread.yield();
            if (a.getBuffer().get(0) != mark || b.getBuffer().get(0) != mark) {
              clashes.incrementAndGet(); // another thread holds the same buffer
            }
            // free in the other order, so buffers wander between the thread caches and the shared queue
            b.close();
            a.close();
          }
        }, exec));
      }
      start.countDown();
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    } finally {
      exec.shutdownNow();
    }
    assertThat(clashes).hasValue(0);
  }

  @Test
  void aClosedPoolRefusesAllocations() {
    ThreadCachedBufferPool pool = new ThreadCachedBufferPool(true, 64, 1);
    PooledByteBuffer p = pool.allocate();
    pool.close();
    p.close(); // freeing after close is harmless
    assertThatThrownBy(pool::allocate).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> pool.getArrayBackedPool().allocate()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rejectsNonsenseSizes() {
    assertThatThrownBy(() -> new ThreadCachedBufferPool(true, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ThreadCachedBufferPool(true, 16, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
