package dev.llmgateway.internal.plugins.httplog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Kong's queue for one collector: {@link #add} never waits (a full queue drops its oldest entry and counts it);
 * one sender thread takes batches of up to {@code max_batch_size}, waiting up to {@code max_coalescing_delay} for
 * a batch to fill, and retries a failed batch with doubling delays until {@code max_retry_time}, then drops it and
 * counts it. Failures and drops are logged once when they start and once when they stop. The sender thread ends
 * after a minute with nothing to send and starts again with the next entry.
 */
final class LogQueue {
  private static final System.Logger LOG = System.getLogger("dev.llmgateway.http-log");
  private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final QueueConfig conf;
  private final Collector collector;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition added = lock.newCondition();
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final Counter droppedCounter;
  private long bytes;
  private boolean senderRunning;
  private boolean dropping;
  private boolean failing;
  private int inFlight;

  LogQueue(QueueConfig conf, Collector collector, MeterRegistry registry) {
    this.conf = conf;
    this.collector = collector;
    this.droppedCounter = Counter.builder("llm.gateway.http.log.dropped")
        .description("http-log entries dropped: queue full, or retries exhausted")
        .tag("endpoint", collector.endpoint()).register(registry);
  }

  /** One serialized entry with its UTF-8 size, measured before the lock is taken. */
  private record Entry(String json, int bytes) {}

  /** Queues one serialized entry without waiting; when full, the oldest entry is dropped and counted. */
  void add(String json) {
    Entry entry = new Entry(json, size(json));
    lock.lock();
    try {
      int limit = Math.max(1, conf.maxEntries());
      int overflow = 0;
      while (entries.size() >= limit || conf.maxBytes() != null && !entries.isEmpty()
          && bytes + entry.bytes() > conf.maxBytes()) {
        bytes -= entries.pollFirst().bytes();
        overflow++;
      }
      entries.addLast(entry);
      bytes += entry.bytes();
      if (overflow > 0) {
        drop(overflow, "the queue is full (max_entries " + conf.maxEntries() + ")");
      } else if (dropping && entries.size() < limit) {
        dropping = false;
        LOG.log(System.Logger.Level.INFO, "http-log " + collector.endpoint() + ": the queue has room again");
      }
      if (!senderRunning) {
        senderRunning = true;
        Thread t = new Thread(this::send, "http-log-sender");
        t.setDaemon(true);
        t.start();
      }
      added.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Entries dropped so far (queue full or retries exhausted). */
  long dropped() {
    return dropped.get();
  }

  /** Entries the collector accepted so far. */
  long delivered() {
    return delivered.get();
  }

  /** Entries waiting or being sent. */
  int pending() {
    lock.lock();
    try {
      return entries.size() + inFlight;
    } finally {
      lock.unlock();
    }
  }

  private void drop(int count, String why) {
    dropped.addAndGet(count);
    droppedCounter.increment(count);
    if (!dropping) {
      dropping = true;
      LOG.log(System.Logger.Level.WARNING, "http-log " + collector.endpoint() + ": dropping entries, " + why
          + " (counted in llm_gateway_http_log_dropped_total; logged once until it recovers)");
    }
  }

  private void send() {
    try {
      while (true) {
        List<String> batch = nextBatch();
        if (batch == null) {
          return;
        }
        deliver(batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lock.lock();
      try {
        senderRunning = false;
      } finally {
        lock.unlock();
      }
    }
  }

  /** The next batch, or null when the queue stayed empty for a minute (the sender then ends). */
  private List<String> nextBatch() throws InterruptedException {
    lock.lock();
    try {
      long idleUntil = System.nanoTime() + IDLE_NANOS;
      while (entries.isEmpty()) {
        long left = idleUntil - System.nanoTime();
        if (left <= 0) {
          senderRunning = false;
          return null;
        }
        added.awaitNanos(left);
      }
      int size = batchSize();
      long fillUntil = System.nanoTime() + (long) (delaySeconds() * 1e9);
      while (entries.size() < size) {
        long left = fillUntil - System.nanoTime();
        if (left <= 0) {
          break;
        }
        added.awaitNanos(left);
      }
      List<String> batch = new ArrayList<>(Math.min(size, entries.size()));
      while (batch.size() < size && !entries.isEmpty()) {
        Entry e = entries.pollFirst();
        bytes -= e.bytes();
        batch.add(e.json());
      }
      inFlight = batch.size();
      return batch;
    } finally {
      lock.unlock();
    }
  }

  private int batchSize() {
    return conf.concurrencyLimit() == -1 ? 1 : conf.maxBatchSize();
  }

  private double delaySeconds() {
    return conf.concurrencyLimit() == -1 || conf.maxBatchSize() == 1 ? 0 : conf.maxCoalescingDelay();
  }

  private void deliver(List<String> batch) throws InterruptedException {
    long giveUp = System.nanoTime() + (long) (conf.maxRetryTime() * 1e9);
    double delay = conf.initialRetryDelay();
    while (true) {
      String failure = collector.send(batch);
      if (failure == null) {
        delivered.addAndGet(batch.size());
        settle(null, batch.size());
        return;
      }
      if (!failing) {
        failing = true;
        LOG.log(System.Logger.Level.WARNING, "http-log " + collector.endpoint() + ": sending failed (" + failure
            + "); retrying with backoff, logged once until it recovers");
      }
      long waitNanos = (long) (Math.min(delay, conf.maxRetryDelay()) * 1e9);
      if (System.nanoTime() + waitNanos > giveUp) {
        settle("retries exhausted after " + QueueConfig.LuaNumber.of(conf.maxRetryTime()) + " s", batch.size());
        return;
      }
      TimeUnit.NANOSECONDS.sleep(waitNanos);
      delay = Math.min(delay * 2, conf.maxRetryDelay());
    }
  }

  private void settle(String dropReason, int count) {
    lock.lock();
    try {
      inFlight = 0;
      if (dropReason != null) {
        drop(count, dropReason);
      } else if (failing) {
        failing = false;
        LOG.log(System.Logger.Level.INFO, "http-log " + collector.endpoint() + ": the collector accepts entries again");
      }
    } finally {
      lock.unlock();
    }
  }

  /** The UTF-8 size of an entry, for max_bytes, counted without encoding it (a lone surrogate encodes as '?'). */
  static int size(String entry) {
    int n = 0;
    for (int i = 0, len = entry.length(); i < len; i++) {
      char c = entry.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(entry.charAt(i + 1))) {
        n += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        n++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
