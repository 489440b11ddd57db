package dev.llmgateway.launcher.listen;

import java.util.Objects;

/**
 * One address a listener binds: a host (a name, an IPv4 address, or an IPv6 address without brackets), a port (0
 * picks a free one), whether it speaks TLS, and the accept backlog (-1: the server's default).
 */
public record ListenAddress(String host, int port, boolean tls, int backlog) {
  /** The IPv6 wildcard, which on a dual-stack machine accepts IPv4 too. */
  public static final String ANY_V6 = "::";
  /** The IPv4 wildcard, used where IPv6 is off. */
  public static final String ANY_V4 = "0.0.0.0";

  public ListenAddress {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range 0-65535");
    }
  }

  /** A plain (non-TLS) address with the default backlog. */
  public static ListenAddress of(String host, int port) {
    return new ListenAddress(host, port, false, -1);
  }

  /** True for {@code [::]}, the address that falls back to {@code 0.0.0.0} where IPv6 is off. */
  public boolean isAnyV6() {
    return ANY_V6.equals(host);
  }

  /** The same address on another host. */
  public ListenAddress withHost(String newHost) {
    return new ListenAddress(newHost, port, tls, backlog);
  }

  /** The same address with TLS on. */
  public ListenAddress withTls() {
    return new ListenAddress(host, port, true, backlog);
  }

  /** The same address on another port (the one actually bound when 0 was asked). */
  public ListenAddress withPort(int newPort) {
    return new ListenAddress(host, newPort, tls, backlog);
  }

  /** {@code HOST:PORT}, with brackets around an IPv6 host: the form users type. */
  public String hostPort() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /** A URL for this address, as printed at start-up ({@code http://[::]:8000}). */
  public String url() {
    return (tls ? "https://" : "http://") + hostPort();
  }

  @Override
  public String toString() {
    return hostPort() + (tls ? " ssl" : "");
  }
}
