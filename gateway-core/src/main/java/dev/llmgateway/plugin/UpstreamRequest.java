package dev.llmgateway.plugin;

import dev.llmgateway.entity.Service;

/** The request the gateway is about to send upstream; plugins change it during access. */
public interface UpstreamRequest {
  /** Headers that will be sent (hop-by-hop headers are removed later regardless). */
  MutableHeaders headers();

  /** Removes a query parameter (every occurrence) while keeping the rest of the query string byte for byte. */
  void removeQueryParam(String name);

  /** Replaces the request body; only allowed when the plugin asked for the body ({@link Plugin#requestBodyLimit}). */
  void replaceBody(byte[] body);

  /**
   * Sets a query parameter sent upstream (replacing every occurrence), keeping the rest of the query string byte for
   * byte; {@code name} and {@code value} are percent-encoded here.
   */
  default void setQueryParam(String name, String value) {
    throw new UnsupportedOperationException("setQueryParam");
  }

  /**
   * Sends the request to {@code service} instead of the route's: its protocol, host (or Upstream entity), port and
   * timeouts, with Kong's path rules applied to its path. For body-based routing and provider endpoints.
   */
  default void service(Service service) {
    throw new UnsupportedOperationException("service");
  }

  /** Sends the request to exactly this path (no query string; the query still follows) instead of Kong's. */
  default void path(String path) {
    throw new UnsupportedOperationException("path");
  }
}
