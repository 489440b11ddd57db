package dev.llmgateway.internal.plugins.httplog;

import dev.llmgateway.internal.logging.LuaFields;
import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.FieldErrors;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The config of one http-log plugin, bound from its schema by the gateway: Kong's fields and defaults (timeouts in
 * milliseconds). Kong's deprecated {@code queue_size} and {@code flush_timeout} are kept as given and folded into
 * {@link #effectiveQueue()}; {@code retry_count} is accepted and ignored. An explicit null {@code method},
 * {@code content_type}, {@code headers} or {@code queue} means the default.
 */
public record HttpLogConfig(String httpEndpoint, String method, String contentType, long timeout, long keepalive,
    Integer queueSize, Double flushTimeout, Map<String, String> headers, QueueConfig queue) {

  /** The schema of http-log's {@code config} record (Kong 3.10). */
  public static final Schema SCHEMA = Schema.of("http-log",
      Field.string("http_endpoint").required().validate(HttpLogConfig::checkUrl)
          .description("The collector's URL; user info becomes Basic authorization"),
      Field.string("method").defaultValue("POST").oneOf("POST", "PUT", "PATCH"),
      Field.string("content_type").defaultValue("application/json")
          .oneOf("application/json", "application/json; charset=utf-8"),
      Field.number("timeout").defaultValue(10_000L).description("Milliseconds to wait for the collector"),
      Field.number("keepalive").defaultValue(60_000L).description("Milliseconds an idle connection is kept"),
      Field.integer("retry_count").description("Deprecated (Kong 4.0); ignored"),
      Field.integer("queue_size").description("Deprecated: sets queue.max_batch_size"),
      Field.number("flush_timeout").description("Deprecated: sets queue.max_coalescing_delay"),
      Field.map("headers", Field.string("name").validate(HttpLogConfig::checkHeaderName),
          Field.string("value").lenMin(1)).description("Headers added to every request to the collector"),
      Field.record("queue", QueueConfig.SCHEMA),
      LuaFields.field());

  /** Kong's record check: user info in the URL and an Authorization header cannot both be given. */
  static final List<EntityCheck> CHECKS = List.of(HttpLogConfig::authorizationOnce);

  public HttpLogConfig {
    method = method != null ? method : (String) SCHEMA.field("method").defaultValue();
    contentType = contentType != null ? contentType : (String) SCHEMA.field("content_type").defaultValue();
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    queue = queue != null ? queue : QueueConfig.DEFAULTS;
  }

  /**
   * The queue as it runs: {@link #queue()} with Kong's deprecated fields folded in, as Kong's queue does — a
   * {@code queue_size} other than 1 sets {@code max_batch_size}, a {@code flush_timeout} other than 2 sets
   * {@code max_coalescing_delay}.
   */
  public QueueConfig effectiveQueue() {
    boolean size = queueSize != null && queueSize != 1;
    boolean flush = flushTimeout != null && flushTimeout != 2;
    if (!size && !flush) {
      return queue;
    }
    return new QueueConfig(size ? queueSize : queue.maxBatchSize(),
        flush ? flushTimeout : queue.maxCoalescingDelay(), queue.maxEntries(), queue.maxBytes(),
        queue.maxRetryTime(), queue.initialRetryDelay(), queue.maxRetryDelay(), queue.concurrencyLimit());
  }

  static String checkUrl(Object value) {
    try {
      URI uri = new URI((String) value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return "unsupported scheme '" + uri.getScheme() + "' (http or https)";
      }
      if (uri.getHost() == null) {
        return "missing host in url";
      }
      return null;
    } catch (URISyntaxException e) {
      return "not a valid url";
    }
  }

  static String checkHeaderName(Object value) {
    String name = ((String) value).toLowerCase(Locale.ROOT);
    return switch (name) {
      case "host" -> "cannot contain 'Host' header";
      case "content-length" -> "cannot contain 'Content-Length' header";
      case "content-type" -> "cannot contain 'Content-Type' header";
      default -> null;
    };
  }

  private static void authorizationOnce(Map<String, Object> plugin, FieldErrors errors) {
    if (!(plugin.get("config") instanceof Row c) || c.string("http_endpoint") == null) {
      return;
    }
    Map<String, Object> headers = c.map("headers");
    boolean header = headers != null && headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("authorization"));
    if (header && URI.create(c.string("http_endpoint")).getRawUserInfo() != null) {
      errors.nested("config").entity("specifying both an 'Authorization' header and user info in 'http_endpoint'"
          + " is not allowed");
    }
  }
}
