package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.internal.proxy.HopByHopHeaders;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.HashSet;
import java.util.Set;

/**
 * Copies headers from one leg to the other without the hop-by-hop ones ({@link HopByHopHeaders}: the fixed set
 * plus those named in {@code Connection}) and without the extra names the caller sets itself.
 */
final class HopByHop {
  private static final Set<HttpString> FIXED = new HashSet<>();

  static {
    for (String name : HopByHopHeaders.NAMES) {
      FIXED.add(new HttpString(name));
    }
  }

  private HopByHop() {}

  /**
   * Copies {@code from} into {@code to}, skipping hop-by-hop headers, HTTP/2 pseudo-headers, {@code skip}, and
   * with {@code dropUnderscores} names holding an underscore (nginx's {@code underscores_in_headers off}).
   */
  static void copy(HeaderMap from, HeaderMap to, Set<HttpString> skip, boolean dropUnderscores) {
    Set<HttpString> named = connectionNamed(from);
    for (long c = from.fastIterateNonEmpty(); c != -1L; c = from.fiNextNonEmpty(c)) {
      HeaderValues values = from.fiCurrent(c);
      HttpString name = values.getHeaderName();
      if (FIXED.contains(name) || skip.contains(name) || (named != null && named.contains(name))
          || (name.length() > 0 && name.byteAt(0) == ':') || (dropUnderscores && hasUnderscore(name))) {
        continue;
      }
      to.putAll(name, values);
    }
  }

  private static boolean hasUnderscore(HttpString name) {
    for (int i = 0; i < name.length(); i++) {
      if (name.byteAt(i) == '_') {
        return true;
      }
    }
    return false;
  }

  /** Removes every fixed hop-by-hop header (after plugins, which may have added some). */
  static void strip(HeaderMap map) {
    for (HttpString name : FIXED) {
      map.remove(name);
    }
  }

  private static Set<HttpString> connectionNamed(HeaderMap headers) {
    HeaderValues connection = headers.get(Headers.CONNECTION);
    if (connection == null || (connection.size() == 1 && isOption(connection.getFirst()))) {
      return null; // the usual "keep-alive" or "close" names no header
    }
    Set<HttpString> named = new HashSet<>();
    for (String value : connection) {
      HopByHopHeaders.connectionTokens(value, token -> named.add(new HttpString(token)));
    }
    return named;
  }

  private static boolean isOption(String value) {
    return "keep-alive".equalsIgnoreCase(value) || "close".equalsIgnoreCase(value);
  }
}
