package dev.llmgateway.undertow.internal.testing;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One accepted connection of a {@link StubUpstream}: parses requests one at a time (the next is parsed once the
 * handler ended its response) and writes queued response bytes as the socket accepts them. Reads and writes
 * happen on the stub's loop thread; handler threads only queue bytes and wait for the queue to drain.
 */
final class StubConnection {
  private static final long HIGH_WATER = 256 * 1024;

  final int id;
  private final StubUpstream server;
  private final SocketChannel channel;
  private final SelectionKey key;
  private final StubRequestParser parser = new StubRequestParser();
  private final ConcurrentLinkedQueue<ByteBuffer> out = new ConcurrentLinkedQueue<>();
  private final Object drained = new Object();
  private long queued;
  private volatile long written;
  private boolean busy;
  private int requests;
  long idleSinceNanos = System.nanoTime();
  final CompletableFuture<Boolean> closed = new CompletableFuture<>();

  StubConnection(int id, StubUpstream server, SocketChannel channel, SelectionKey key) {
    this.id = id;
    this.server = server;
    this.channel = channel;
    this.key = key;
  }

  /** Loop thread: bytes arrived. */
  void readable() {
    ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    try {
      int n = channel.read(buf);
      if (n < 0) {
        closeNow(true);
        return;
      }
      buf.flip();
      parser.feed(buf);
      nextRequest();
    } catch (IOException | RuntimeException e) {
      closeNow(true);
    }
  }

  private void nextRequest() {
    if (busy || !channel.isOpen()) {
      return;
    }
    StubRequest request = parser.next(id, requests + 1);
    if (request != null) {
      requests++;
      busy = true;
      server.dispatch(this, request);
    }
  }

  /** Loop thread: the socket can take more. */
  void writable() {
    try {
      ByteBuffer b;
      while ((b = out.peek()) != null) {
        int n = channel.write(b);
        written += n;
        release(n);
        if (b.hasRemaining()) {
          return;
        }
        out.poll();
      }
      key.interestOps(SelectionKey.OP_READ);
    } catch (IOException | RuntimeException e) {
      closeNow(true);
    }
  }

  /** Any thread: queues bytes; {@code waitForRoom} blocks while too much is queued (back-pressure). */
  void send(ByteBuffer bytes, boolean waitForRoom) throws IOException {
    synchronized (drained) {
      queued += bytes.remaining();
    }
    out.add(bytes);
    server.onLoop(() -> {
      if (key.isValid()) {
        key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
      }
    });
    if (waitForRoom) {
      synchronized (drained) {
        while (queued > HIGH_WATER && !closed.isDone()) {
          try {
            drained.wait(100);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
          }
        }
      }
      if (closed.isDone()) {
        throw new IOException("connection closed");
      }
    }
  }

  private void release(long n) {
    synchronized (drained) {
      queued -= n;
      drained.notifyAll();
    }
  }

  /** Any thread: the handler ended its response; parse the next request. */
  void responseEnded() {
    server.onLoop(() -> {
      busy = false;
      idleSinceNanos = System.nanoTime();
      nextRequest();
    });
  }

  /** Any thread: close (FIN) once queued bytes are out, or reset (RST) at once. */
  void close(boolean reset) {
    server.onLoop(() -> {
      if (reset) {
        try {
          channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException | RuntimeException e) {
          // closing anyway
        }
      } else {
        writable();
      }
      closeNow(false);
    });
  }

  boolean idle() {
    return !busy && out.isEmpty();
  }

  long written() {
    return written;
  }

  /** Loop thread. */
  void closeNow(boolean byPeer) {
    if (closed.isDone()) {
      return;
    }
    key.cancel();
    try {
      channel.close();
    } catch (IOException e) {
      // already closed
    }
    closed.complete(byPeer);
    synchronized (drained) {
      drained.notifyAll();
    }
    server.connectionClosed(this, byPeer);
  }
}
