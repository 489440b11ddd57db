package dev.llmgateway.plugin;

/** The request the gateway is about to send upstream; plugins change it during access. */
public interface UpstreamRequest {
  /** Headers that will be sent (hop-by-hop headers are removed later regardless). */
  MutableHeaders headers();

  /** Removes a query parameter (every occurrence) while keeping the rest of the query string byte for byte. */
  void removeQueryParam(String name);

  /** Replaces the request body; only allowed when the plugin asked for the body ({@link Plugin#requestBodyLimit}). */
  void replaceBody(byte[] body);
}
