package dev.llmgateway.plugins.httplog;

import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;

/** Kong's {@code queue} record ({@code kong/tools/queue_schema.lua}); delays in seconds. */
public record QueueConfig(int maxBatchSize, double maxCoalescingDelay, int maxEntries, Long maxBytes,
    double maxRetryTime, double initialRetryDelay, double maxRetryDelay, int concurrencyLimit) {

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

  /** The typed view of a validated queue row; null means all defaults. */
  public static QueueConfig of(Row row) {
    if (row == null) {
      return new QueueConfig(1, 1, 10_000, null, 60, 0.01, 60, 1);
    }
    return new QueueConfig(row.integer("max_batch_size", 1), num(row, "max_coalescing_delay", 1),
        row.integer("max_entries", 10_000), row.longOrNull("max_bytes"), num(row, "max_retry_time", 60),
        num(row, "initial_retry_delay", 0.01), num(row, "max_retry_delay", 60), row.integer("concurrency_limit", 1));
  }

  private static double num(Row row, String field, double fallback) {
    Double v = row.numberOrNull(field);
    return v == null ? fallback : v;
  }

  /** Numbers printed as Kong prints them in messages ({@code 1}, not {@code 1.0}). */
  static final class LuaNumber {
    private LuaNumber() {}

    static String of(double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
  }
}
