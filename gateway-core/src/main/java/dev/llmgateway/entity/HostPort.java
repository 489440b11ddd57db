package dev.llmgateway.entity;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code host[:port]} as Kong's {@code normalize_ip} ({@code kong/tools/ip.lua}) parses it: a name (kept
 * as written), an IPv4 address (leading zeros dropped) or an IPv6 address (bracketed when it has a port; kept fully
 * expanded and lowercase, without brackets); {@code port} is -1 when absent. Parsing never resolves names.
 */
public record HostPort(String host, int port, Kind kind) {
  /** What kind of host it is. */
  public enum Kind { NAME, IPV4, IPV6 }

  private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
  private static final Pattern IPV4_PORT =
      Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3}):(\\d+)$");
  private static final Pattern HEX_GROUPS = Pattern.compile("^" + "([0-9a-fA-F]{1,4}):".repeat(7)
      + "([0-9a-fA-F]{1,4})$");
  private static final Pattern NAME_CHARS = Pattern.compile("^[0-9A-Za-z\\-._]+$");
  private static final Pattern NAME_PORT = Pattern.compile(":(\\d+)$");

  /** Parses {@code host[:port]}; null when it is not a valid host. */
  public static HostPort parse(String text) {
    return normalize(text) instanceof HostPort hp ? hp : null;
  }

  /**
   * Kong's {@code normalize_ip}: the parsed host, or Kong's error text ({@code invalid hostname: x},
   * {@code invalid ipv4 address: x}, {@code invalid ipv6 address: x}, {@code invalid port number}).
   */
  static Object normalize(String text) {
    String withoutColons = text.replace(":", "");
    int colons = text.length() - withoutColons.length();
    if (colons > 1) {
      return ipv6(text);
    }
    if (!withoutColons.isEmpty() && withoutColons.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
      return ipv4(text);
    }
    return name(text);
  }

  private static Object ipv4(String text) {
    Matcher m = (text.indexOf(':') >= 0 ? IPV4_PORT : IPV4).matcher(text);
    if (!m.matches()) {
      return "invalid ipv4 address: " + text;
    }
    StringBuilder host = new StringBuilder();
    for (int i = 1; i <= 4; i++) {
      int octet = Integer.parseInt(m.group(i));
      if (octet > 255) {
        return "invalid ipv4 address: " + text;
      }
      host.append(i > 1 ? "." : "").append(octet);
    }
    int port = m.groupCount() == 5 ? port(m.group(5)) : -1;
    return port == -2 ? "invalid port number" : new HostPort(host.toString(), port, Kind.IPV4);
  }

  private static Object ipv6(String text) {
    String check = text;
    int port = -1;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        return "invalid ipv6 address: " + text;
      }
      check = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.matches(":\\d+")) {
          return "invalid ipv6 address";
        }
        port = port(rest.substring(1));
        if (port == -2) {
          return "invalid port number";
        }
      }
    }
    if (check.startsWith(":")) {
      check = "0" + check;
    }
    if (check.endsWith(":")) {
      check = check + "0";
    }
    int doubleColon = check.indexOf("::");
    if (doubleColon >= 0) {
      int count = check.length() - check.replace(":", "").length();
      String insert = ":" + "0:".repeat(Math.max(0, 8 - count));
      check = check.substring(0, doubleColon) + insert + check.substring(doubleColon + 2);
    }
    Matcher m = HEX_GROUPS.matcher(check);
    if (!m.matches()) {
      return "invalid ipv6 address: " + text;
    }
    StringBuilder host = new StringBuilder();
    for (int i = 1; i <= 8; i++) {
      host.append(i > 1 ? ":" : "").append("0".repeat(4 - m.group(i).length())).append(m.group(i));
    }
    return new HostPort(host.toString().toLowerCase(Locale.ROOT), port, Kind.IPV6);
  }

  private static Object name(String text) {
    String name = text;
    int port = -1;
    Matcher pm = NAME_PORT.matcher(text);
    if (pm.find()) {
      name = text.substring(0, pm.start());
      port = port(pm.group(1));
      if (port == -2) {
        return "invalid port number";
      }
    }
    if (!NAME_CHARS.matcher(name).matches()) {
      return "invalid hostname: " + text;
    }
    String[] segments = name.split("\\.", -1);
    for (int i = 0; i < segments.length; i++) {
      boolean last = i == segments.length - 1;
      if (segments[i].endsWith("-") || (segments[i].isEmpty() && !last)) {
        return "invalid hostname: " + text;
      }
    }
    return new HostPort(name, port, Kind.NAME);
  }

  /** The port, or -2 when it is above 65535. */
  private static int port(String digits) {
    String trimmed = digits.replaceFirst("^0+(?=\\d)", "");
    return trimmed.length() > 5 || Integer.parseInt(trimmed) > 65535 ? -2 : Integer.parseInt(trimmed);
  }

  /** Kong's {@code format_host}: {@code host:port} with IPv6 bracketed, using {@code defaultPort} when absent. */
  public String format(int defaultPort) {
    String h = kind == Kind.IPV6 ? "[" + host + "]" : host;
    return h + ":" + (port >= 0 ? port : defaultPort);
  }
}
