package dev.llmgateway.plugins.httplog;

import dev.llmgateway.logging.LuaFields;
import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.FieldErrors;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The config of one http-log plugin: Kong's fields and defaults (timeouts in milliseconds). */
public record HttpLogConfig(String httpEndpoint, String method, String contentType, long timeout, long keepalive,
    Map<String, String> headers, QueueConfig queue) {

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
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** The typed view of a validated config row, with Kong's deprecated fields folded into the queue. */
  public static HttpLogConfig of(Row row) {
    QueueConfig q = QueueConfig.of(row.record("queue"));
    Long size = row.longOrNull("queue_size");
    Double flush = row.numberOrNull("flush_timeout");
    if ((size != null && size != 1) || (flush != null && flush != 2)) {
      q = new QueueConfig(size != null && size != 1 ? size.intValue() : q.maxBatchSize(),
          flush != null && flush != 2 ? flush : q.maxCoalescingDelay(), q.maxEntries(), q.maxBytes(),
          q.maxRetryTime(), q.initialRetryDelay(), q.maxRetryDelay(), q.concurrencyLimit());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    Map<String, Object> raw = row.map("headers");
    if (raw != null) {
      raw.forEach((k, v) -> headers.put(k, String.valueOf(v)));
    }
    return new HttpLogConfig(row.string("http_endpoint"), row.string("method", "POST"),
        row.string("content_type", "application/json"), row.numberOrNull("timeout") == null ? 10_000
        : row.numberOrNull("timeout").longValue(), row.numberOrNull("keepalive") == null ? 60_000
        : row.numberOrNull("keepalive").longValue(), headers, q);
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
