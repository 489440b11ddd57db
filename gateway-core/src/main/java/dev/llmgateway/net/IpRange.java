package dev.llmgateway.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address or CIDR range (Kong's {@code ip_or_cidr}), parsed from literals only — never through
 * DNS — and matched against client addresses bit by bit.
 */
public record IpRange(byte[] network, int prefix) {
  private static final Pattern IPV4 =
      Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
  private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9A-Fa-f:.]+$");

  /** The range {@code text} denotes, or null when it is no IP address or CIDR range. */
  public static IpRange parse(String text) {
    int slash = text.indexOf('/');
    String ip = slash < 0 ? text : text.substring(0, slash);
    byte[] address = address(ip);
    if (address == null) {
      return null;
    }
    int bits = address.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String p = text.substring(slash + 1);
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return null;
      }
      prefix = Integer.parseInt(p);
      if (prefix > bits) {
        return null;
      }
    }
    return new IpRange(address, prefix);
  }

  /** The bytes of an IP literal (4 or 16), or null; a zone ({@code %eth0}) is ignored. */
  public static byte[] address(String ip) {
    if (IPV4.matcher(ip).matches()) {
      byte[] out = new byte[4];
      String[] parts = ip.split("\\.");
      for (int i = 0; i < 4; i++) {
        out[i] = (byte) Integer.parseInt(parts[i]);
      }
      return out;
    }
    int zone = ip.indexOf('%');
    String bare = zone < 0 ? ip : ip.substring(0, zone);
    if (bare.indexOf(':') < 0 || !IPV6_CHARS.matcher(bare).matches()) {
      return null;
    }
    try {
      // With a colon in it, the JDK parses the text as an IPv6 literal and never looks it up.
      byte[] b = InetAddress.getByName(bare).getAddress();
      return b.length == 16 ? b : mapped(b);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** The JDK turns {@code ::ffff:a.b.c.d} into IPv4; keep it comparable with IPv6 ranges as Kong does. */
  private static byte[] mapped(byte[] v4) {
    byte[] out = new byte[16];
    out[10] = (byte) 0xff;
    out[11] = (byte) 0xff;
    System.arraycopy(v4, 0, out, 12, 4);
    return out;
  }

  /** Whether {@code address} (4 or 16 bytes) lies in this range. */
  public boolean contains(byte[] address) {
    if (address == null || address.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (address[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (address[full] & mask) == (network[full] & mask);
  }
}
