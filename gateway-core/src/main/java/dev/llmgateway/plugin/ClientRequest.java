package dev.llmgateway.plugin;

import java.util.List;

/** The request as the client sent it, read-only. */
public interface ClientRequest {
  String method();

  /** {@code http} or {@code https}. */
  String scheme();

  /** The Host header's host part, without port. */
  String host();

  /** The port of the listener the request came in on. */
  int port();

  /** The normalised path the router matched (no query string). */
  String path();

  /** The raw query string without {@code ?}, exactly as sent; null when there was none. */
  String rawQuery();

  /** Every decoded value of a query parameter; empty when absent. */
  List<String> queryParams(String name);

  Headers headers();

  /** The client's address (the TCP peer). */
  String clientIp();

  /** For example {@code HTTP/1.1} or {@code HTTP/2.0}. */
  String protocol();
}
