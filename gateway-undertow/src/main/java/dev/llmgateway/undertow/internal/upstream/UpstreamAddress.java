package dev.llmgateway.undertow.internal.upstream;

import java.util.Objects;

/**
 * Where one upstream connection goes, as the pool keys it: scheme, the host as configured (a name or an IP
 * literal), the port, and for TLS whether the certificate is verified. Connections are only reused for the same
 * address. Immutable; the hash is computed once, since every request looks its pool up by address.
 */
public final class UpstreamAddress {
  private final boolean tls;
  private final String host;
  private final int port;
  private final boolean verify;
  private final int hash;

  private UpstreamAddress(boolean tls, String host, int port, boolean verify) {
    this.tls = tls;
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.verify = verify;
    this.hash = Objects.hash(tls, host, port, verify);
  }

  /** An address for plain HTTP. */
  public static UpstreamAddress http(String host, int port) {
    return new UpstreamAddress(false, host, port, false);
  }

  /** An address for HTTPS, verified or not. */
  public static UpstreamAddress https(String host, int port, boolean verify) {
    return new UpstreamAddress(true, host, port, verify);
  }

  public boolean tls() {
    return tls;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public boolean verify() {
    return verify;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UpstreamAddress a && a.hash == hash && a.port == port && a.tls == tls
        && a.verify == verify && a.host.equals(host);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return (tls ? "https://" : "http://") + host + ':' + port + (tls && !verify ? " (unverified)" : "");
  }
}
