package dev.llmgateway.internal.plugins.correlationid;

import dev.llmgateway.plugin.ClientRequest;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kong's three id generators. {@code uuid}: a random v4 UUID. {@code uuid#counter}: one UUID for this gateway
 * process and a counter from 1 (Kong keeps one per nginx worker). {@code tracker}: server address and port,
 * process id, a request serial, {@code 1} and the epoch seconds with milliseconds; Kong's connection serial and
 * per-connection request count are not visible to plugins here, so a process-wide request serial stands in.
 */
final class IdGenerator {
  private static final String PROCESS_UUID = UUID.randomUUID().toString();
  private static final AtomicLong COUNTER = new AtomicLong();
  private static final long PID = ProcessHandle.current().pid();

  private IdGenerator() {}

  static String next(String generator, ClientRequest request) {
    return switch (generator) {
      case "uuid" -> UUID.randomUUID().toString();
      case "tracker" -> tracker(request);
      default -> PROCESS_UUID + "#" + COUNTER.incrementAndGet();
    };
  }

  private static String tracker(ClientRequest request) {
    long now = System.currentTimeMillis();
    return request.host() + "-" + request.port() + "-" + PID + "-" + COUNTER.incrementAndGet() + "-1-"
        + String.format(Locale.ROOT, "%d.%03d", now / 1000, now % 1000);
  }
}
