package dev.llmgateway.plugin;

/** The request the gateway is about to send upstream; plugins change it during access. */
public interface UpstreamRequest {
  /** Headers that will be sent (hop-by-hop headers are removed later regardless). */
  MutableHeaders headers();

  /** Removes a query parameter (every occurrence) while keeping the rest of the query string byte for byte. */
  void removeQueryParam(String name);

  /** Replaces the request body; only allowed when the plugin asked for the body ({@link Plugin#requestBodyLimit}). */
  void replaceBody(byte[] body);

  /**
   * Caps a body of unknown length (chunked) at {@code maxBytes}, counted as it streams and never buffered for it:
   * if more arrives, the upstream request is abandoned with its connection closed (so the upstream never sees a
   * complete body) and the client gets Kong's error with {@code status} and {@code message} — unless the response
   * has already started, when the connection is closed. The lowest cap set by any plugin wins.
   */
  default void limitBody(long maxBytes, int status, String message) {
    throw new UnsupportedOperationException("this gateway cannot cap a streamed request body");
  }
}
