package dev.llmgateway.undertow.internal.upstream;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The idle keep-alive connections to one upstream address on one IO thread. Active connections are not counted
 * or capped (like nginx); idle ones are capped and closed after an idle TTL chosen below the upstream's own
 * keep-alive timeout, so a request never lands on a connection the upstream is about to close. Newest first
 * (LIFO), so surplus connections age out. Single-threaded: only its IO thread touches it.
 */
final class UpstreamPool {
  private final ArrayDeque<UpstreamConnection> idle = new ArrayDeque<>();
  private final int maxIdle;
  private final long ttlNanos;

  UpstreamPool(int maxIdle, long ttlNanos) {
    this.maxIdle = maxIdle;
    this.ttlNanos = ttlNanos;
  }

  /** An open idle connection young enough to use, or null; stale ones met on the way are closed. */
  UpstreamConnection take(long now) {
    UpstreamConnection c;
    while ((c = idle.pollFirst()) != null) {
      if (c.isOpen() && now - c.idleSince < ttlNanos) {
        c.unpark();
        return c;
      }
      c.close();
    }
    return null;
  }

  /** Returns a connection after a clean exchange; closed when the pool is full or the connection is not open. */
  void release(UpstreamConnection c, long now) {
    if (!c.isOpen() || idle.size() >= maxIdle || ttlNanos <= 0) {
      c.close();
      return;
    }
    c.idleSince = now;
    c.parkIdle();
    idle.addFirst(c);
  }

  /** Closes idle connections past their TTL or closed by the upstream; true when the pool is empty afterwards. */
  boolean sweep(long now) {
    Iterator<UpstreamConnection> it = idle.descendingIterator();
    while (it.hasNext()) {
      UpstreamConnection c = it.next();
      if (!c.isOpen() || now - c.idleSince >= ttlNanos) {
        it.remove();
        c.close();
      }
    }
    return idle.isEmpty();
  }

  int idleCount() {
    return idle.size();
  }

  void closeAll() {
    UpstreamConnection c;
    while ((c = idle.pollFirst()) != null) {
      c.close();
    }
  }
}
