package dev.llmgateway.undertow.internal.http;

import io.undertow.server.HttpServerExchange;

/**
 * The raw path of a request target as the client sent it, before any decoding: the origin form as is; for an
 * absolute-form target ({@code GET http://host/path}) only its path, so such a target routes exactly like the
 * origin form and can never reach another host.
 */
final class RequestTarget {
  private RequestTarget() {}

  /** The raw path without query; null when the target has no usable path (Kong answers 400). */
  static String rawPath(HttpServerExchange exchange) {
    String uri = exchange.getRequestURI();
    if (uri == null || uri.isEmpty()) {
      return null;
    }
    if (!exchange.isHostIncludedInRequestURI()) {
      return uri.charAt(0) == '/' ? uri : null;
    }
    int scheme = uri.indexOf("://");
    if (scheme < 0) {
      return null;
    }
    int slash = uri.indexOf('/', scheme + 3);
    return slash < 0 ? "/" : uri.substring(slash);
  }
}
