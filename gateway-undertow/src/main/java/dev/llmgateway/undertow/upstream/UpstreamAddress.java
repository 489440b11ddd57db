package dev.llmgateway.undertow.upstream;

/**
 * Where one upstream connection goes, as the pool keys it: scheme, the host as configured (a name or an IP
 * literal), the port, and for TLS whether the certificate is verified. Connections are only reused for the same
 * address.
 */
public record UpstreamAddress(boolean tls, String host, int port, boolean verify) {
  /** An address for plain HTTP. */
  public static UpstreamAddress http(String host, int port) {
    return new UpstreamAddress(false, host, port, false);
  }

  /** An address for HTTPS, verified or not. */
  public static UpstreamAddress https(String host, int port, boolean verify) {
    return new UpstreamAddress(true, host, port, verify);
  }
}
