package dev.llmgateway.internal.plugins.httplog;

import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;

/** Kong's {@code queue} record ({@code kong/tools/queue_schema.lua}), bound by the gateway; delays in seconds. */
public record QueueConfig(int maxBatchSize, double maxCoalescingDelay, int maxEntries, Long maxBytes,
    double maxRetryTime, double initialRetryDelay, double maxRetryDelay, int concurrencyLimit) {

  /** The queue of a config that gives none: every field at its default. */
  static final QueueConfig DEFAULTS = new QueueConfig(1, 1, 10_000, null, 60, 0.01, 60, 1);

  static final Schema SCHEMA = Schema.of("queue",
      Field.integer("max_batch_size").defaultValue(1L).between(1, 1_000_000)
          .description("Entries sent in one request"),
      Field.number("max_coalescing_delay").defaultValue(1L).validate(v -> within(v, 0, 3600))
          .description("Seconds to wait for a batch to fill"),
      Field.integer("max_entries").defaultValue(10_000L).between(1, 1_000_000)
          .description("Entries held; when full the oldest is dropped"),
      Field.integer("max_bytes").description("Bytes held; when over, the oldest entries are dropped"),
      Field.number("max_retry_time").defaultValue(60L).description("Seconds a batch is retried before it is dropped"),
      Field.number("initial_retry_delay").defaultValue(0.01).validate(v -> within(v, 0.001, 1_000_000))
          .description("Seconds before the first retry; doubles each time"),
      Field.number("max_retry_delay").defaultValue(60L).validate(v -> within(v, 0.001, 1_000_000))
          .description("Longest wait between retries, seconds"),
      Field.integer("concurrency_limit").defaultValue(1L).oneOfValues(1L, -1L)
          .description("1: one sender per queue; -1: no queue, each entry sent at once"));

  static String within(Object value, double min, double max) {
    double v = ((Number) value).doubleValue();
    return v >= min && v <= max ? null : "value should be between " + LuaNumber.of(min) + " and " + LuaNumber.of(max);
  }

  /** Numbers printed as Kong prints them in messages ({@code 1}, not {@code 1.0}). */
  static final class LuaNumber {
    private LuaNumber() {}

    static String of(double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
  }
}
