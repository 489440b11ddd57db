package dev.llmgateway.undertow.internal.upstream;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/**
 * Every upstream pool, one set per IO thread so that taking and returning a connection needs no lock: a request
 * only ever uses connections of the IO thread it runs on. Each thread sweeps its own idle connections on a timer.
 */
public final class UpstreamPools {
  private final int maxIdle;
  private final long ttlNanos;
  private final Map<XnioIoThread, ThreadPools> byThread = new ConcurrentHashMap<>();

  /** @param maxIdle idle connections kept per address and IO thread; @param idleTtl how long one may stay idle */
  public UpstreamPools(int maxIdle, Duration idleTtl) {
    this.maxIdle = maxIdle;
    this.ttlNanos = idleTtl.toNanos();
  }

  /** The pool for {@code address} on the calling IO thread. */
  UpstreamPool pool(XnioIoThread thread, UpstreamAddress address) {
    ThreadPools pools = byThread.get(thread);
    if (pools == null) {
      pools = byThread.computeIfAbsent(thread, ThreadPools::new);
    }
    return pools.pool(address);
  }

  /** Idle connections on all threads (approximate while threads run; for tests and status). */
  public int idleCount() {
    int n = 0;
    for (ThreadPools t : byThread.values()) {
      n += t.idleCount;
    }
    return n;
  }

  /** Closes every idle connection, each on its own IO thread. */
  public void closeAll() {
    for (ThreadPools t : byThread.values()) {
      t.thread.execute(t::closeAll);
    }
  }

  /** The pools of one IO thread and its sweeper. */
  private final class ThreadPools implements Runnable {
    final XnioIoThread thread;
    final Map<UpstreamAddress, UpstreamPool> pools = new HashMap<>();
    volatile int idleCount;
    XnioExecutor.Key sweeper;

    ThreadPools(XnioIoThread thread) {
      this.thread = thread;
    }

    UpstreamPool pool(UpstreamAddress address) {
      UpstreamPool p = pools.get(address);
      if (p == null) {
        p = new UpstreamPool(maxIdle, ttlNanos);
        pools.put(address, p);
        if (sweeper == null && ttlNanos > 0) {
          long period = Math.max(50, TimeUnit.NANOSECONDS.toMillis(ttlNanos) / 2);
          sweeper = thread.executeAtInterval(this, period, TimeUnit.MILLISECONDS);
        }
      }
      return p;
    }

    @Override
    public void run() {
      long now = System.nanoTime();
      int idle = 0;
      // Pools are kept even when empty: a running call may still return its connection to one.
      for (UpstreamPool p : pools.values()) {
        p.sweep(now);
        idle += p.idleCount();
      }
      idleCount = idle;
    }

    void closeAll() {
      pools.values().forEach(UpstreamPool::closeAll);
      pools.clear();
      idleCount = 0;
      if (sweeper != null) {
        sweeper.remove();
        sweeper = null;
      }
    }
  }
}
