package dev.llmgateway.internal.proxy;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The headers that describe one connection rather than the message (RFC 9110 section 7.6.1) and so are never
 * forwarded, in either direction: a fixed set plus every header named in {@code Connection}.
 */
public final class HopByHopHeaders {
  /**
   * The fixed set, lowercase. {@code Proxy} is dropped as Kong does (httpoxy); {@code Proxy-Connection} is the
   * non-standard spelling some clients still send.
   */
  public static final List<String> NAMES = List.of("connection", "keep-alive", "proxy-connection", "proxy",
      "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");

  private HopByHopHeaders() {}

  /** Whether {@code name} (any case) is in the fixed set. */
  public static boolean isFixed(String name) {
    return NAMES.contains(name.toLowerCase(Locale.ROOT));
  }

  /**
   * Calls {@code sink} with each header name listed in one {@code Connection} header value (comma-separated
   * tokens, trimmed, lowercase); {@code close} and {@code keep-alive} are options, not header names, but removing
   * them is harmless.
   */
  public static void connectionTokens(String connectionValue, Consumer<String> sink) {
    if (connectionValue == null) {
      return;
    }
    int start = 0;
    int n = connectionValue.length();
    while (start <= n) {
      int comma = connectionValue.indexOf(',', start);
      int end = comma < 0 ? n : comma;
      String token = connectionValue.substring(start, end).trim();
      if (!token.isEmpty()) {
        sink.accept(token.toLowerCase(Locale.ROOT));
      }
      if (comma < 0) {
        break;
      }
      start = comma + 1;
    }
  }
}
