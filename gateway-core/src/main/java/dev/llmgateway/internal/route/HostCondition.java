package dev.llmgateway.internal.route;

import java.util.Locale;

/**
 * One entry of a route's {@code hosts}: an exact name, a {@code *.example.com} suffix or an {@code example.*} prefix,
 * optionally bound to the port of the listener the request arrived on ({@code host:port}).
 */
record HostCondition(Kind kind, String value, int port) {
  enum Kind { EXACT, SUFFIX, PREFIX }

  /** Parses a validated route host; names compare case-insensitively, so they are kept lowercase. */
  static HostCondition parse(String configured) {
    String host = configured.toLowerCase(Locale.ROOT);
    int port = 0;
    int colon = portColon(host);
    if (colon > 0) {
      port = Integer.parseInt(host.substring(colon + 1));
      host = host.substring(0, colon);
    }
    if (host.startsWith("*")) {
      return new HostCondition(Kind.SUFFIX, host.substring(1), port);
    }
    if (host.endsWith("*")) {
      return new HostCondition(Kind.PREFIX, host.substring(0, host.length() - 1), port);
    }
    return new HostCondition(Kind.EXACT, host, port);
  }

  /** The colon before a port, or -1: {@code [v6]:port} and {@code name:port}, never inside a bare IPv6 address. */
  private static int portColon(String host) {
    int colon = host.lastIndexOf(':');
    if (colon < 0 || colon == host.length() - 1) {
      return -1;
    }
    if (host.startsWith("[")) {
      return host.charAt(colon - 1) == ']' ? colon : -1;
    }
    if (host.indexOf(':') != colon) {
      return -1;
    }
    for (int i = colon + 1; i < host.length(); i++) {
      if (host.charAt(i) < '0' || host.charAt(i) > '9') {
        return -1;
      }
    }
    return colon;
  }

  boolean isWildcard() {
    return kind != Kind.EXACT;
  }

  /** Whether a lowercase request host, reached through the listener on {@code listenerPort}, matches. */
  boolean matches(String requestHost, int listenerPort) {
    if (port != 0 && port != listenerPort) {
      return false;
    }
    return switch (kind) {
      case EXACT -> value.equals(requestHost);
      case SUFFIX -> requestHost.endsWith(value);
      case PREFIX -> requestHost.startsWith(value);
    };
  }
}
