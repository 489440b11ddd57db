package dev.llmgateway.undertow.log;

import dev.llmgateway.undertow.AccessLogOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The access log writer: IO threads hand entries over without locks or blocking, and one dedicated thread formats
 * and writes them, flushing after each batch so lines appear promptly. If the destination stalls, entries beyond a
 * bound are dropped (and counted) rather than held.
 */
public final class AccessLog implements AutoCloseable {
  private static final int MAX_PENDING = 100_000;

  private final ConcurrentLinkedQueue<AccessLogEntry> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private final Writer out;
  private final boolean json;
  private final boolean ownsOut;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean sleeping;

  private AccessLog(Writer out, boolean json, boolean ownsOut) {
    this.out = out;
    this.json = json;
    this.ownsOut = ownsOut;
    this.thread = new Thread(this::run, "access-log");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Opens the log the options describe; null when it is off. */
  public static AccessLog open(AccessLogOptions options) throws IOException {
    return switch (options.destination()) {
      case OFF -> null;
      case STDOUT -> new AccessLog(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)),
          options.json(), false);
      case FILE -> new AccessLog(Files.newBufferedWriter(options.file(), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE), options.json(), true);
    };
  }

  /** Queues one entry; never blocks. */
  public void record(AccessLogEntry entry) {
    if (pending.incrementAndGet() > MAX_PENDING) {
      pending.decrementAndGet();
      dropped.incrementAndGet();
      return;
    }
    queue.offer(entry);
    if (sleeping) {
      LockSupport.unpark(thread);
    }
  }

  /** Entries dropped because the destination could not keep up. */
  public long dropped() {
    return dropped.get();
  }

  private void run() {
    while (running || !queue.isEmpty()) {
      boolean wrote = false;
      AccessLogEntry e;
      try {
        while ((e = queue.poll()) != null) {
          pending.decrementAndGet();
          out.write(json ? e.json() : e.text());
          out.write('\n');
          wrote = true;
        }
        if (wrote) {
          out.flush();
        }
      } catch (IOException ex) {
        // A failing destination must not take the gateway down; the next batch tries again.
      }
      sleeping = true;
      if (queue.isEmpty() && running) {
        LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(200));
      }
      sleeping = false;
    }
  }

  /** Writes what is queued, then stops the thread. */
  @Override
  public void close() {
    running = false;
    LockSupport.unpark(thread);
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      if (ownsOut) {
        out.close();
      } else {
        out.flush();
      }
    } catch (IOException e) {
      // nothing left to do
    }
  }
}
