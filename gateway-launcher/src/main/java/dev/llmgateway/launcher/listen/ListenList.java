package dev.llmgateway.launcher.listen;

import dev.llmgateway.entity.HostPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses a listen setting: comma-separated entries of {@code HOST:PORT} or {@code [IPV6]:PORT}, each optionally
 * followed by Kong's flags ({@code ssl}, {@code http2}, {@code reuseport}, {@code backlog=N}, ...), or {@code off}.
 * Kong's {@code proxy_listen} values therefore work unchanged as {@code KONG_PROXY_LISTEN}.
 */
public final class ListenList {
  /** Kong/nginx flags that are accepted and have no effect here (HTTP/2 is always offered on TLS via ALPN). */
  private static final Set<String> IGNORED_FLAGS = Set.of("http2", "reuseport", "deferred", "bind");
  private static final String FORM = "expected HOST:PORT or [IPV6]:PORT, e.g. 127.0.0.1:8000 or [::]:8000";

  private ListenList() {}

  /**
   * The addresses of {@code value}; an empty list for {@code off}.
   *
   * @throws IllegalArgumentException with a one-line reason naming the bad entry
   */
  public static List<ListenAddress> parse(String value) {
    String trimmed = value == null ? "" : value.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("empty listen address; " + FORM);
    }
    if (trimmed.equalsIgnoreCase("off")) {
      return List.of();
    }
    List<ListenAddress> out = new ArrayList<>();
    for (String entry : trimmed.split(",", -1)) {
      out.add(parseEntry(entry.trim()));
    }
    return List.copyOf(out);
  }

  private static ListenAddress parseEntry(String entry) {
    if (entry.isEmpty()) {
      throw new IllegalArgumentException("empty entry in listen list; " + FORM);
    }
    String[] words = entry.split("\\s+");
    ListenAddress address = parseAddress(words[0]);
    boolean tls = false;
    int backlog = -1;
    for (int i = 1; i < words.length; i++) {
      String flag = words[i].toLowerCase(Locale.ROOT);
      if (flag.equals("ssl")) {
        tls = true;
      } else if (flag.startsWith("backlog=")) {
        backlog = parseBacklog(flag.substring("backlog=".length()), entry);
      } else if (!IGNORED_FLAGS.contains(flag) && !flag.startsWith("so_keepalive=")
          && !flag.startsWith("ipv6only=")) {
        throw new IllegalArgumentException("unsupported flag '" + words[i] + "' in '" + entry
            + "' (supported: ssl, http2, reuseport, backlog=N, deferred, bind, so_keepalive=, ipv6only=)");
      }
    }
    return new ListenAddress(address.host(), address.port(), tls, backlog);
  }

  private static ListenAddress parseAddress(String text) {
    String host;
    String port;
    if (text.startsWith("*:")) {
      host = ListenAddress.ANY_V6;
      port = text.substring(2);
    } else {
      int colon = text.lastIndexOf(':');
      boolean bracketed = text.startsWith("[");
      if (colon < 0 || (bracketed && colon < text.indexOf(']')) || (!bracketed && text.indexOf(':') != colon)) {
        throw new IllegalArgumentException("'" + text + "' has no port; " + FORM);
      }
      port = text.substring(colon + 1);
      parsePort(port, text);
      HostPort hp = HostPort.parse(text);
      if (hp == null || hp.port() < 0) {
        throw new IllegalArgumentException("'" + text + "' is not a valid address; " + FORM);
      }
      // The host as written (HostPort may normalise IPv6 text); HostPort only checks that it is valid.
      host = bracketed ? text.substring(1, text.indexOf(']')) : text.substring(0, colon);
    }
    int p = parsePort(port, text);
    return ListenAddress.of(host, p);
  }

  private static int parsePort(String port, String text) {
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("'" + text + "' has an invalid port; " + FORM);
    }
    int p = Integer.parseInt(port);
    if (p > 65535) {
      throw new IllegalArgumentException("'" + text + "': port " + p + " is out of range 0-65535");
    }
    return p;
  }

  private static int parseBacklog(String n, String entry) {
    if (n.isEmpty() || n.length() > 9 || !n.chars().allMatch(Character::isDigit) || Integer.parseInt(n) < 1) {
      throw new IllegalArgumentException("invalid backlog in '" + entry + "' (a positive number)");
    }
    return Integer.parseInt(n);
  }
}
