package dev.llmgateway.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which peers may say who the client is, as Kong's {@code trusted_ips}, {@code real_ip_header} and
 * {@code real_ip_recursive} settings (nginx's realip module) decide it: a request from a trusted peer is
 * attributed to the address in {@code header}; from any other peer, to the peer itself. {@link #NONE} (Kong's
 * default) trusts nobody.
 *
 * @param ranges the trusted peers
 * @param header the header naming the client ({@code X-Real-IP}, {@code X-Forwarded-For}, any other name)
 * @param recursive with a list of addresses, skip trusted ones from the right instead of taking the last one
 */
public record TrustedProxies(List<IpRange> ranges, String header, boolean recursive) {
  /** Kong's defaults: no trusted peer, {@code X-Real-IP}, not recursive. */
  public static final TrustedProxies NONE = new TrustedProxies(List.of(), "X-Real-IP", false);

  public TrustedProxies {
    ranges = List.copyOf(ranges);
    Objects.requireNonNull(header, "header");
    if (header.isBlank()) {
      throw new IllegalArgumentException("the real IP header must not be empty");
    }
    if ("proxy_protocol".equalsIgnoreCase(header)) {
      throw new IllegalArgumentException("'proxy_protocol' needs PROXY protocol listeners, which the gateway does"
          + " not have; have the load balancer send X-Forwarded-For or X-Real-IP instead");
    }
  }

  /**
   * Parses Kong's {@code trusted_ips}: comma-separated IPv4 or IPv6 addresses and CIDR ranges; {@code unix:} is
   * accepted and matches nothing (the gateway has no unix-socket listeners).
   *
   * @throws IllegalArgumentException naming the first entry that is no address or range
   */
  public static TrustedProxies parse(String trustedIps, String header, boolean recursive) {
    List<IpRange> out = new ArrayList<>();
    if (trustedIps != null) {
      for (String part : trustedIps.split(",", -1)) {
        String t = part.trim();
        if (t.isEmpty() || "unix:".equals(t)) {
          continue;
        }
        IpRange r = IpRange.parse(t);
        if (r == null) {
          throw new IllegalArgumentException("'" + t + "' is not an IP address or CIDR range");
        }
        out.add(r);
      }
    }
    return new TrustedProxies(out, header, recursive);
  }

  /** True when {@code ip} (a literal) lies in a trusted range. */
  public boolean trusts(String ip) {
    if (ranges.isEmpty() || ip == null) {
      return false;
    }
    byte[] address = IpRange.address(ip);
    return address != null && any(address);
  }

  /** True when the header is {@code X-Forwarded-For}, whose repeated fields form one list. */
  public boolean forwardedFor() {
    return "x-forwarded-for".equals(header.toLowerCase(Locale.ROOT));
  }

  /**
   * The client's address: {@code peer} unless it is trusted and {@code headerValue} (the header's value, repeated
   * fields joined with commas) names one. The last address of the list counts; with {@code recursive}, trusted
   * addresses are skipped from the right, and an entry that is no address stops the walk at the one before it.
   * A header whose last entry is no address leaves the peer, as nginx does.
   */
  public String clientIp(String peer, String headerValue) {
    if (headerValue == null || !trusts(peer)) {
      return peer;
    }
    String found = peer;
    int end = headerValue.length();
    while (true) {
      int comma = headerValue.lastIndexOf(',', end - 1);
      String entry = literal(headerValue.substring(comma + 1, end).trim());
      if (entry == null) {
        return found;
      }
      found = entry;
      if (!recursive || comma < 0 || !trusts(found)) {
        return found;
      }
      end = comma;
    }
  }

  /** The address in an entry ({@code 1.2.3.4}, {@code 1.2.3.4:5678}, {@code ::1}, {@code [::1]:5678}), or null. */
  private static String literal(String entry) {
    if (entry.isEmpty()) {
      return null;
    }
    String ip = entry;
    if (ip.startsWith("[")) {
      int close = ip.indexOf(']');
      if (close < 0 || !(close == ip.length() - 1 || ip.charAt(close + 1) == ':')) {
        return null;
      }
      ip = ip.substring(1, close);
    } else if (ip.indexOf(':') == ip.lastIndexOf(':') && ip.indexOf(':') > 0) {
      ip = ip.substring(0, ip.indexOf(':'));
    }
    return IpRange.address(ip) == null ? null : ip;
  }

  private boolean any(byte[] address) {
    for (IpRange r : ranges) {
      if (r.contains(address)) {
        return true;
      }
    }
    return false;
  }
}
