package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.internal.route.RouteMatch;
import io.undertow.client.ClientRequest;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;

/**
 * The request going upstream: where it goes (the route match, as plugins may redirect it) and the request built
 * for it, from the client's end-to-end headers through the plugins' changes to the proxy headers and framing
 * ({@link UpstreamRequests}). Owned by the request's IO thread.
 */
final class UpstreamRequestLeg {
  private RouteMatch match;
  private ClientRequest request;
  private String uri;

  /** The router's match; null until routed or when nothing matched. */
  RouteMatch match() {
    return match;
  }

  void routed(RouteMatch match) {
    this.match = match;
  }

  /** Starts the request with the client's method and end-to-end headers; returns the headers plugins change. */
  HeaderMap start(HttpServerExchange exchange, boolean underscoresInHeaders) {
    request = UpstreamRequests.start(exchange, underscoresInHeaders);
    return request.getRequestHeaders();
  }

  /**
   * Applies what plugins chose (service, path, method, query), then the proxy headers and the framing.
   *
   * @param bodyLength as {@link UpstreamRequests#complete}
   */
  ClientRequest complete(PluginContext ctx, ExchangeRequest client, String requestId, long bodyLength) {
    if (ctx.serviceOverride() != null) {
      match = match.withService(ctx.serviceOverride(), client.path());
    }
    if (ctx.path() != null) {
      match = match.withUpstreamPath(ctx.path());
    }
    if (ctx.method() != null) {
      request.setMethod(HttpString.tryFromString(ctx.method()));
    }
    UpstreamRequests.complete(request, client, match, ctx.query(), requestId, bodyLength);
    uri = request.getPath();
    return request;
  }

  /** The path and query sent upstream; null before {@link #complete}. */
  String uri() {
    return uri;
  }
}
