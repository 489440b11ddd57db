package dev.llmgateway.internal.proxy;

import dev.llmgateway.Version;

/**
 * The values Kong 3.10 computes for the headers it adds on each leg: {@code X-Forwarded-For}, the upstream
 * {@code Host}, {@code Via}. Pure functions; the server adapter decides where they go.
 */
public final class ProxyHeaderRules {
  /** {@code Via} value for an HTTP/1.1 leg. */
  public static final String VIA_1_1 = "1.1 " + Version.PRODUCT;

  /** {@code Server} value on the gateway's own responses. */
  public static final String SERVER = Version.PRODUCT;

  private ProxyHeaderRules() {}

  /** The client's {@code X-Forwarded-For} with the peer appended (Kong appends regardless of trust). */
  public static String forwardedFor(String existing, String peer) {
    return forwardedFor(existing, peer, peer);
  }

  /**
   * Kong's {@code X-Forwarded-For} when a trusted proxy may have named the client: the client's list with the TCP
   * peer appended, or, without a list, the resolved client address ({@code $remote_addr}).
   */
  public static String forwardedFor(String existing, String peer, String client) {
    return existing == null || existing.isEmpty() ? client : existing + ", " + peer;
  }

  /**
   * The {@code Host} sent upstream when {@code preserve_host} is off: the host, bracketed when IPv6, with
   * {@code :port} unless the port is the scheme's default (80 for http, 443 for https).
   */
  public static String upstreamHost(String host, int port, boolean tls) {
    String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    boolean defaultPort = tls ? port == 443 : port == 80;
    return defaultPort ? h : h + ':' + port;
  }

  /** Our {@code Via} entry for a leg spoken in {@code protocol} ({@code HTTP/1.1}, {@code HTTP/2.0}, ...). */
  public static String via(String protocol) {
    if (protocol == null || "HTTP/1.1".equals(protocol)) {
      return VIA_1_1;
    }
    String version = protocol.startsWith("HTTP/") ? protocol.substring(5) : protocol;
    if (version.endsWith(".0") && !version.startsWith("1")) {
      version = version.substring(0, version.length() - 2);
    }
    return version + " " + Version.PRODUCT;
  }

  /** {@code ours} appended to an existing {@code Via} list. */
  public static String appendVia(String existing, String ours) {
    return existing == null || existing.isEmpty() ? ours : existing + ", " + ours;
  }
}
