package dev.llmgateway.plugin;

import dev.llmgateway.entity.Service;

/** The request the gateway is about to send upstream; plugins change it during access. */
public interface UpstreamRequest {
  /** Headers that will be sent (hop-by-hop headers are removed later regardless). */
  MutableHeaders headers();

  /** Removes a query parameter (every occurrence) while keeping the rest of the query string byte for byte. */
  void removeQueryParam(String name);

  /**
   * Sets a query parameter sent upstream (replacing every occurrence), keeping the rest of the query string byte for
   * byte; {@code name} and {@code value} are percent-encoded here.
   */
  default void setQueryParam(String name, String value) {
    throw new UnsupportedOperationException("this gateway cannot change the upstream query");
  }

  /** The query string that will be sent, without {@code ?} (the client's, as plugins left it); null for none. */
  default String query() {
    throw new UnsupportedOperationException("this gateway cannot show the upstream query");
  }

  /** Replaces the whole query string (already encoded, without {@code ?}); null or empty sends none. */
  default void setQuery(String rawQuery) {
    throw new UnsupportedOperationException("this gateway cannot replace the upstream query");
  }

  /** Sends the request upstream with this method instead of the client's. */
  default void setMethod(String method) {
    throw new UnsupportedOperationException("this gateway cannot change the upstream method");
  }

  /**
   * Sends the request to this path (already encoded, starting with {@code /}) instead of the one the route and
   * service make, like Kong's {@code kong.service.request.set_path}; the query is unaffected.
   */
  default void setPath(String path) {
    throw new UnsupportedOperationException("this gateway cannot change the upstream path");
  }

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

  /**
   * Sends the request to {@code service} instead of the route's: its protocol, host (or Upstream entity), port and
   * timeouts, with Kong's path rules applied to its path ({@link #setPath} wins over them, whenever called). For body-based
   * routing and provider endpoints.
   */
  default void setService(Service service) {
    throw new UnsupportedOperationException("this gateway cannot change the upstream service");
  }
}
