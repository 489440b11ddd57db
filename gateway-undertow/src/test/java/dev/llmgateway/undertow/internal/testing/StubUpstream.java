package dev.llmgateway.undertow.internal.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scriptable HTTP/1.1 upstream for tests on 127.0.0.1 and an ephemeral port: one NIO event loop (backlog 1024)
 * accepts, reads and writes; each request's {@link StubHandler} runs on a handler thread and may stream, pause,
 * close or reset. It counts connections accepted, closed, and closed by the peer (the gateway), records every
 * request, and can close idle keep-alive connections after a timeout like uvicorn does.
 */
public final class StubUpstream implements AutoCloseable {
  private final Selector selector;
  private final ServerSocketChannel server;
  private final Thread loop;
  private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "stub-handler");
    t.setDaemon(true);
    return t;
  });
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final Set<StubConnection> connections = new HashSet<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger closed = new AtomicInteger();
  private final AtomicInteger closedByPeer = new AtomicInteger();
  private final LinkedBlockingQueue<StubRequest> pending = new LinkedBlockingQueue<>();
  private final List<StubRequest> received = new CopyOnWriteArrayList<>();
  private volatile StubHandler handler;
  private volatile long keepAliveNanos;
  private volatile boolean running = true;

  private StubUpstream(StubHandler handler, int port) throws IOException {
    this.handler = handler;
    selector = Selector.open();
    server = ServerSocketChannel.open();
    server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
    server.bind(new InetSocketAddress("127.0.0.1", port), 1024);
    server.configureBlocking(false);
    server.register(selector, SelectionKey.OP_ACCEPT);
    loop = new Thread(this::run, "stub-loop");
    loop.setDaemon(true);
    loop.start();
  }

  /** Starts a stub answering every request with {@code handler}. */
  public static StubUpstream start(StubHandler handler) {
    return start(handler, 0);
  }

  /** Starts a stub on {@code port} (0: any free one), for a replica that comes back where it was. */
  public static StubUpstream start(StubHandler handler, int port) {
    try {
      return new StubUpstream(handler, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces the handler for requests still to come. */
  public StubUpstream handler(StubHandler handler) {
    this.handler = handler;
    return this;
  }

  /** Closes connections idle (between requests) for longer than {@code timeout}; zero turns it off. */
  public StubUpstream keepAliveTimeout(Duration timeout) {
    keepAliveNanos = timeout.toNanos();
    selector.wakeup();
    return this;
  }

  public int port() {
    return server.socket().getLocalPort();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  public int accepted() {
    return accepted.get();
  }

  /** Connections closed by either side. */
  public int closed() {
    return closed.get();
  }

  /** Connections the peer (the gateway) closed or reset. */
  public int closedByPeer() {
    return closedByPeer.get();
  }

  /** Every request received so far, in arrival order. */
  public List<StubRequest> requests() {
    return new ArrayList<>(received);
  }

  /** The next request not yet taken, waiting up to {@code timeout}; fails the test when none arrives. */
  public StubRequest takeRequest(Duration timeout) throws InterruptedException {
    StubRequest r = pending.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (r == null) {
      throw new AssertionError("the stub received no request within " + timeout);
    }
    return r;
  }

  void dispatch(StubConnection connection, StubRequest request) {
    received.add(request);
    pending.add(request);
    StubExchange exchange = new StubExchange(connection, request);
    StubHandler h = handler;
    handlers.execute(() -> {
      try {
        h.handle(exchange);
      } catch (Exception | AssertionError e) {
        exchange.reset();
      }
    });
  }

  void onLoop(Runnable task) {
    tasks.add(task);
    selector.wakeup();
  }

  void connectionClosed(StubConnection c, boolean byPeer) {
    connections.remove(c);
    closed.incrementAndGet();
    if (byPeer) {
      closedByPeer.incrementAndGet();
    }
  }

  private void run() {
    while (running) {
      try {
        long ka = keepAliveNanos;
        selector.select(ka > 0 ? Math.max(5, TimeUnit.NANOSECONDS.toMillis(ka) / 5) : 500);
        Runnable task;
        while ((task = tasks.poll()) != null) {
          task.run();
        }
        for (SelectionKey key : selector.selectedKeys()) {
          if (!key.isValid()) {
            continue;
          }
          if (key.isAcceptable()) {
            accept();
          } else {
            StubConnection c = (StubConnection) key.attachment();
            if (key.isValid() && key.isWritable()) {
              c.writable();
            }
            if (key.isValid() && key.isReadable()) {
              c.readable();
            }
          }
        }
        selector.selectedKeys().clear();
        closeIdle(ka);
      } catch (IOException | RuntimeException e) {
        // keep serving; a broken connection closes itself
      }
    }
  }

  private void accept() throws IOException {
    SocketChannel ch;
    while ((ch = server.accept()) != null) {
      ch.configureBlocking(false);
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      SelectionKey key = ch.register(selector, SelectionKey.OP_READ);
      StubConnection c = new StubConnection(accepted.incrementAndGet(), this, ch, key);
      key.attach(c);
      connections.add(c);
    }
  }

  private void closeIdle(long keepAlive) {
    if (keepAlive <= 0) {
      return;
    }
    long now = System.nanoTime();
    for (StubConnection c : new ArrayList<>(connections)) {
      if (c.idle() && now - c.idleSinceNanos > keepAlive) {
        c.closeNow(false);
      }
    }
  }

  @Override
  public void close() {
    if (!selector.isOpen()) {
      return; // closed before: a replica stopped by the test
    }
    running = false;
    selector.wakeup();
    try {
      loop.join(5000);
      for (SelectionKey key : selector.keys()) {
        key.channel().close();
      }
      selector.close();
      server.close();
    } catch (IOException | InterruptedException e) {
      // closing anyway
    }
    handlers.shutdownNow();
  }
}
