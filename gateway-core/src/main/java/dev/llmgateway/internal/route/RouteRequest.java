package dev.llmgateway.internal.route;

import java.util.List;

/**
 * What the router looks at in a request. Implemented by the server adapter over its own request object, so that
 * matching copies nothing; {@link #path()} is already normalised (see {@link PathNormalizer}).
 */
public interface RouteRequest {
  /** The method, uppercase. */
  String method();

  /** {@code http} or {@code https}: how the client reached the gateway. */
  String scheme();

  /** The Host header's host part (no port), lowercase; empty when absent. */
  String host();

  /** The port of the listener the request arrived on. */
  int port();

  /** The normalised path, without query string. */
  String path();

  /** Every value of a request header (name matched case-insensitively); empty when absent. */
  List<String> headerValues(String name);

  /**
   * The TLS server name the client sent, or null (plain HTTP, or unknown). Only routes with {@code snis} look at it,
   * and only for {@code https} requests, as Kong does.
   */
  default String sni() {
    return null;
  }
}
