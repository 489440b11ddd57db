package dev.llmgateway.undertow.internal.log;

import dev.llmgateway.undertow.embed.AccessLogOptions;
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
 * The access log writer: IO threads hand entries over without locks, blocking or system calls, and one dedicated
 * thread formats and writes them in batches, waking every {@value #PERIOD_MILLIS} ms while requests come (sooner
 * when many wait), so a line appears within that time and the cost is one write per batch rather than a wake-up
 * and a write per request. With no traffic it sleeps until the next entry wakes it. If the destination stalls,
 * entries beyond a bound are dropped (and counted) rather than held.
 */
public final class AccessLog implements AutoCloseable {
  private static final int MAX_PENDING = 100_000;
  /** Entries waiting that make the IO thread wake the writer before its period ends. */
  private static final int WAKE_AT = 8_192;
  private static final long PERIOD_MILLIS = 20;

  private final ConcurrentLinkedQueue<AccessLogEntry> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private final Writer out;
  private final boolean json;
  private final boolean ownsOut;
  private final Thread thread;
  private final LogTimestamps timestamps = new LogTimestamps();
  private final StringBuilder line = new StringBuilder(256);
  private char[] chars = new char[256];
  private volatile boolean running = true;
  /** Set by the writer before it sleeps without a deadline; the next entry wakes it. */
  private volatile boolean idle;

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
      case STDOUT -> new AccessLog(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8),
          1 << 16), options.json(), false);
      case FILE -> new AccessLog(new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(options.file(),
          StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE), StandardCharsets.UTF_8),
          1 << 16), options.json(), true);
    };
  }

  /** Queues one entry; never blocks. */
  public void record(AccessLogEntry entry) {
    int waiting = pending.incrementAndGet();
    if (waiting > MAX_PENDING) {
      pending.decrementAndGet();
      dropped.incrementAndGet();
      return;
    }
    queue.offer(entry);
    if (waiting == WAKE_AT || idle) {
      idle = false;
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
      try {
        wrote = writeQueued();
        if (wrote) {
          out.flush();
        }
      } catch (IOException ex) {
        // A failing destination must not take the gateway down; the next batch tries again.
      }
      if (!running || pending.get() >= WAKE_AT) {
        continue;
      }
      if (wrote) {
        LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS));
      } else {
        // Announce the sleep, then look again: an entry queued before the flag was seen is found here, and
        // one queued after it unparks (a permit given before the park makes the park return at once).
        idle = true;
        if (queue.isEmpty() && running) {
          LockSupport.parkNanos(this, TimeUnit.SECONDS.toNanos(1));
        }
        idle = false;
      }
    }
  }

  private boolean writeQueued() throws IOException {
    boolean wrote = false;
    AccessLogEntry e;
    while ((e = queue.poll()) != null) {
      pending.decrementAndGet();
      line.setLength(0);
      if (json) {
        e.appendJson(line, timestamps);
      } else {
        e.appendText(line, timestamps);
      }
      line.append('\n');
      int n = line.length();
      if (chars.length < n) {
        chars = new char[Math.max(n, chars.length * 2)];
      }
      line.getChars(0, n, chars, 0);
      out.write(chars, 0, n);
      wrote = true;
    }
    return wrote;
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
