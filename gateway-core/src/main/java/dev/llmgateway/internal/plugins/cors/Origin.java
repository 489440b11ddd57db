package dev.llmgateway.internal.plugins.cors;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An origin as Kong's cors plugin normalises it: {@code scheme://host[:port]} with the default port of http and
 * https dropped, and the host alone for regexes written without a port. Something that does not parse as a URL
 * with a host (such as {@code foo.test} or {@code null}) stays as written, as both its domain and its host.
 */
record Origin(String domain, String host) {
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

  static Origin parse(String text) {
    int sep = text.indexOf("://");
    if (sep <= 0 || !SCHEME.matcher(text).region(0, sep).matches()) {
      return new Origin(text, text);
    }
    String scheme = text.substring(0, sep);
    String rest = text.substring(sep + 3);
    int end = indexOfAny(rest, "/?#");
    String authority = end < 0 ? rest : rest.substring(0, end);
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      authority = authority.substring(at + 1);
    }
    String host;
    String port = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      host = close < 0 ? authority : authority.substring(0, close + 1);
      if (close >= 0 && close + 1 < authority.length() && authority.charAt(close + 1) == ':') {
        port = authority.substring(close + 2);
      }
    } else {
      int colon = authority.lastIndexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
      port = colon < 0 ? null : authority.substring(colon + 1);
    }
    if (host.isEmpty()) {
      return new Origin(text, text);
    }
    String s = scheme.toLowerCase(Locale.ROOT);
    if (port != null && (port.isEmpty() || (s.equals("http") && port.equals("80"))
        || (s.equals("https") && port.equals("443")))) {
      port = null;
    }
    return new Origin(scheme + "://" + host + (port == null ? "" : ":" + port), host);
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
