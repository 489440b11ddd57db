package dev.llmgateway.undertow.log;

import java.time.Instant;

/**
 * One finished request as the access log records it. The path is the client's original path without the query
 * string, and nothing here comes from header values: keys travel in both, and must never reach a log.
 *
 * @param upstreamMillis -1 when the upstream was not reached
 * @param route the route's name (or id), null when none matched; same for service and consumer
 */
public record AccessLogEntry(long timeMillis, String clientIp, String method, String path, int status, long bytes,
    long totalMillis, long upstreamMillis, String route, String service, String consumer, String requestId) {

  /** A text line: {@code ip [time] "METHOD /path" status bytes total_ms=.. upstream_ms=.. route=.. ...}. */
  public String text() {
    StringBuilder b = new StringBuilder(160);
    b.append(clientIp).append(" [").append(Instant.ofEpochMilli(timeMillis)).append("] \"").append(method)
        .append(' ');
    escape(path, b);
    b.append("\" ").append(status).append(' ').append(bytes)
        .append(" total_ms=").append(totalMillis)
        .append(" upstream_ms=").append(upstreamMillis < 0 ? "-" : Long.toString(upstreamMillis))
        .append(" route=").append(orDash(route))
        .append(" service=").append(orDash(service))
        .append(" consumer=").append(orDash(consumer))
        .append(" request_id=").append(requestId);
    return b.toString();
  }

  /** A JSON object on one line. */
  public String json() {
    StringBuilder b = new StringBuilder(220);
    b.append("{\"time\":\"").append(Instant.ofEpochMilli(timeMillis)).append('"');
    field(b, "client_ip", clientIp);
    field(b, "method", method);
    field(b, "path", path);
    b.append(",\"status\":").append(status).append(",\"bytes\":").append(bytes)
        .append(",\"total_ms\":").append(totalMillis).append(",\"upstream_ms\":")
        .append(upstreamMillis < 0 ? "null" : Long.toString(upstreamMillis));
    field(b, "route", route);
    field(b, "service", service);
    field(b, "consumer", consumer);
    field(b, "request_id", requestId);
    return b.append('}').toString();
  }

  private static String orDash(String s) {
    return s == null ? "-" : s;
  }

  private static void field(StringBuilder b, String name, String value) {
    b.append(",\"").append(name).append("\":");
    if (value == null) {
      b.append("null");
    } else {
      b.append('"');
      escape(value, b);
      b.append('"');
    }
  }

  /** JSON-style escaping, also safe inside the text line's quotes. */
  private static void escape(String s, StringBuilder b) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
  }
}
