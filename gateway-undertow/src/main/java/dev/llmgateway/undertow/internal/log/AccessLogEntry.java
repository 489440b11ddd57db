package dev.llmgateway.undertow.internal.log;

import dev.llmgateway.internal.llm.LlmStats;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One finished request as the access log records it. The path is the client's original path without the query
 * string, and nothing here comes from header values: keys travel in both, and must never reach a log.
 *
 * @param upstreamMillis -1 when the upstream was not reached
 * @param route the route's name (or id), null when none matched; same for service and consumer
 * @param ai the LLM figures of the request, or null (written as Kong's {@code ai} log field in JSON lines)
 */
public record AccessLogEntry(long timeMillis, String clientIp, String method, String path, int status, long bytes,
    long totalMillis, long upstreamMillis, String route, String service, String consumer, String requestId,
    LlmStats ai) {
  private static final String REDACTED = "***";

  /** An entry without LLM figures. */
  public AccessLogEntry(long timeMillis, String clientIp, String method, String path, int status, long bytes,
      long totalMillis, long upstreamMillis, String route, String service, String consumer, String requestId) {
    this(timeMillis, clientIp, method, path, status, bytes, totalMillis, upstreamMillis, route, service, consumer,
        requestId, null);
  }

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
    b.append(" route=");
    escape(orDash(route), b);
    b.append(" service=");
    escape(orDash(service), b);
    b.append(" consumer=");
    escape(orDash(consumer), b);
    b.append(" request_id=").append(requestId);
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
    if (ai != null) {
      appendAi(b);
    }
    b.append('}');
  }

  /**
   * Kong's {@code ai} serializer field ({@code ai.proxy.meta} and {@code ai.proxy.usage}), with our additions
   * {@code time_to_first_token}, {@code streamed} and {@code partial} in {@code usage}. {@code llm_latency} is the
   * time to first token in whole milliseconds, {@code time_per_token} the time per output token.
   */
  private void appendAi(StringBuilder b) {
    b.append(",\"ai\":{\"proxy\":{\"meta\":{\"provider_name\":");
    quoted(b, ai.provider());
    b.append(",\"request_model\":");
    quoted(b, ai.requestModel());
    b.append(",\"response_model\":");
    quoted(b, ai.responseModel());
    b.append(",\"llm_latency\":").append(ai.ttftMillis() < 0 ? 0 : Math.round(ai.ttftMillis()))
        .append("},\"usage\":{\"prompt_tokens\":").append(ai.promptTokens())
        .append(",\"completion_tokens\":").append(ai.completionTokens())
        .append(",\"total_tokens\":").append(ai.totalTokens())
        .append(",\"time_per_token\":").append(decimal(ai.tpotMillis()))
        .append(",\"time_to_first_token\":").append(decimal(ai.ttftMillis()))
        .append(",\"streamed\":").append(ai.streamed())
        .append(",\"partial\":").append(ai.partial())
        .append("}}}");
  }

  private static String decimal(double millis) {
    if (millis < 0 || Double.isNaN(millis) || Double.isInfinite(millis)) {
      return "0";
    }
    return String.format(Locale.ROOT, "%.3f", millis);
  }

  private static void quoted(StringBuilder b, String value) {
    if (value == null) {
      b.append("null");
      return;
    }
    b.append('"');
    escape(value, b);
    b.append('"');
  }

  /**
   * The path, escaped, with everything after a {@code key-auths} or {@code key-auth} segment replaced by
   * {@code ***}: the Admin API (also through {@code /admin-api}) addresses key-auth credentials by their key. The
   * segment is recognised the way the request is routed and served: percent-decoded, in any case, with or without
   * {@code ;parameters}; a segment that hides the marker and more (an encoded slash) is replaced whole.
   */
  private void appendPath(StringBuilder b) {
    if (path.indexOf('%') < 0 && !path.toLowerCase(Locale.ROOT).contains("key-auth")) {
      escape(path, b);
      return;
    }
    int from = 0;
    while (true) {
      int slash = path.indexOf('/', from);
      String segment = path.substring(from, slash < 0 ? path.length() : slash);
      String plain = decoded(segment).toLowerCase(Locale.ROOT);
      int semicolon = plain.indexOf(';');
      String name = semicolon < 0 ? plain : plain.substring(0, semicolon);
      if (name.equals("key-auths") || name.equals("key-auth")) {
        escape(segment, b);
        if (slash >= 0) {
          b.append('/').append(REDACTED);
        }
        return;
      }
      if (plain.contains("key-auth")) {
        b.append(REDACTED);
        return;
      }
      escape(segment, b);
      if (slash < 0) {
        return;
      }
      b.append('/');
      from = slash + 1;
    }
  }

  /** The segment with {@code %XX} escapes decoded, repeatedly (at most three rounds), as UTF-8. */
  private static String decoded(String segment) {
    String s = segment;
    for (int round = 0; round < 3 && s.indexOf('%') >= 0; round++) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        int hi = c == '%' && i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
        int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
        if (lo >= 0) {
          out.write(hi * 16 + lo);
          i += 2;
        } else {
          byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
          out.write(raw, 0, raw.length);
        }
      }
      s = out.toString(StandardCharsets.UTF_8);
    }
    return s;
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
