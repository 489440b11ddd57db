package dev.llmgateway.entity;

/**
 * A parsed {@code host[:port]}: a name, an IPv4 address or a bracketed IPv6 address; port is -1 when absent.
 * Parsing never resolves names.
 */
public record HostPort(String host, int port, Kind kind) {
  /** What kind of host it is. */
  public enum Kind { NAME, IPV4, IPV6 }

  /** Parses {@code host[:port]}; null when it is not a valid host. */
  public static HostPort parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    String host = text;
    int port = -1;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        return null;
      }
      host = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          return null;
        }
        port = parsePort(rest.substring(1));
        if (port < 0) {
          return null;
        }
      }
      return isIpv6(host) ? new HostPort(host, port, Kind.IPV6) : null;
    }
    int colon = text.indexOf(':');
    if (colon >= 0 && text.indexOf(':', colon + 1) >= 0) {
      return isIpv6(text) ? new HostPort(text, -1, Kind.IPV6) : null;
    }
    if (colon >= 0) {
      host = text.substring(0, colon);
      port = parsePort(text.substring(colon + 1));
      if (port < 0) {
        return null;
      }
    }
    if (Typedefs.isIpv4(host)) {
      return new HostPort(host, port, Kind.IPV4);
    }
    if (host.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
      return null;
    }
    return Typedefs.isHostname(host) ? new HostPort(host, port, Kind.NAME) : null;
  }

  private static int parsePort(String s) {
    if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Integer.parseInt(s);
  }

  static boolean isIpv6(String s) {
    if (s.isEmpty() || !s.contains(":")) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Typedefs.isHex(c) || c == ':' || c == '.')) {
        return false;
      }
    }
    try {
      return java.net.InetAddress.getByName("[" + s + "]") instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
