package dev.llmgateway.entity;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Kong's IP and CIDR checks ({@code kong/tools/ip.lua} over {@code inet_pton}): literal addresses only, no DNS. */
final class IpRanges {
  private static final Pattern IPV4 =
      Pattern.compile("^(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})$");
  private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$");
  private static final Pattern PREFIX = Pattern.compile("^(0|[1-9]\\d{0,2})$");

  private IpRanges() {}

  static boolean isIpv4(String s) {
    var m = IPV4.matcher(s);
    if (!m.matches()) {
      return false;
    }
    for (int i = 1; i <= 4; i++) {
      if (Integer.parseInt(m.group(i)) > 255) {
        return false;
      }
    }
    return true;
  }

  static boolean isIpv6(String s) {
    if (!IPV6_CHARS.matcher(s).matches()) {
      return false;
    }
    try {
      // Only hex digits, colons and dots reach here, so this parses a literal and never resolves a name.
      return InetAddress.getByName(s) instanceof Inet6Address;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  static boolean isIpOrCidr(String s) {
    if (isIpv4(s) || isIpv6(s)) {
      return true;
    }
    int slash = s.indexOf('/', 2);
    if (slash < 0 || !PREFIX.matcher(s.substring(slash + 1)).matches()) {
      return false;
    }
    String ip = s.substring(0, slash);
    int prefix = Integer.parseInt(s.substring(slash + 1));
    return (isIpv4(ip) && prefix <= 32) || (isIpv6(ip) && prefix <= 128);
  }
}
