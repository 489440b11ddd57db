package dev.llmgateway.undertow.log;

/**
 * One finished request as the access log records it. The path is the client's original path without the query
 * string, and nothing here comes from header values: keys travel in both, and must never reach a log.
 *
 * @param upstreamMillis -1 when the upstream was not reached
 * @param route the route's name (or id), null when none matched; same for service and consumer
 */
public record AccessLogEntry(long timeMillis, String clientIp, String method, String path, int status, long bytes,
    long totalMillis, long upstreamMillis, String route, String service, String consumer, String requestId) {
  private static final String REDACTED = "***";

  /** A text line: {@code ip [time] "METHOD /path" status bytes total_ms=.. upstream_ms=.. route=.. ...}. */
  public String text() {
    StringBuilder b = new StringBuilder(160);
    appendText(b, new LogTimestamps());
    return b.toString();
  }

  /** A JSON object on one line. */
  public String json() {
    StringBuilder b = new StringBuilder(220);
    appendJson(b, new LogTimestamps());
    return b.toString();
  }

  void appendText(StringBuilder b, LogTimestamps time) {
    b.append(clientIp).append(" [");
    time.append(timeMillis, b);
    b.append("] \"").append(method).append(' ');
    appendPath(b);
    b.append("\" ").append(status).append(' ').append(bytes)
        .append(" total_ms=").append(totalMillis)
        .append(" upstream_ms=");
    if (upstreamMillis < 0) {
      b.append('-');
    } else {
      b.append(upstreamMillis);
    }
    b.append(" route=").append(orDash(route))
        .append(" service=").append(orDash(service))
        .append(" consumer=").append(orDash(consumer))
        .append(" request_id=").append(requestId);
  }

  void appendJson(StringBuilder b, LogTimestamps time) {
    b.append("{\"time\":\"");
    time.append(timeMillis, b);
    b.append('"');
    field(b, "client_ip", clientIp);
    field(b, "method", method);
    b.append(",\"path\":\"");
    appendPath(b);
    b.append('"');
    b.append(",\"status\":").append(status).append(",\"bytes\":").append(bytes)
        .append(",\"total_ms\":").append(totalMillis).append(",\"upstream_ms\":");
    if (upstreamMillis < 0) {
      b.append("null");
    } else {
      b.append(upstreamMillis);
    }
    field(b, "route", route);
    field(b, "service", service);
    field(b, "consumer", consumer);
    field(b, "request_id", requestId);
    b.append('}');
  }

  /**
   * The path, escaped, with the segment after {@code key-auths} or {@code key-auth} replaced by {@code ***}: the
   * Admin API (through {@code /admin-api} too) addresses key-auth credentials by their key.
   */
  private void appendPath(StringBuilder b) {
    if (!path.contains("key-auth")) {
      escape(path, b);
      return;
    }
    int from = 0;
    boolean secretNext = false;
    while (from <= path.length()) {
      int slash = path.indexOf('/', from);
      int end = slash < 0 ? path.length() : slash;
      String segment = path.substring(from, end);
      if (secretNext && !segment.isEmpty()) {
        b.append(REDACTED);
      } else {
        escape(segment, b);
      }
      secretNext = segment.equals("key-auths") || segment.equals("key-auth");
      if (slash < 0) {
        break;
      }
      b.append('/');
      from = slash + 1;
    }
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
