package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.internal.proxy.ProxyHeaderRules;
import dev.llmgateway.internal.route.RouteMatch;
import io.undertow.client.ClientRequest;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Protocols;
import java.util.Set;

/**
 * Builds the request sent upstream, as Kong 3.10 does: the client's headers minus hop-by-hop ones and
 * {@code Expect} (the gateway answers 100 itself), then, after the plugins, the proxy headers ({@code
 * X-Forwarded-*}, {@code X-Real-IP}, {@code Via}, {@code X-Kong-Request-Id}) and the body framing.
 */
final class UpstreamRequests {
  static final HttpString X_FORWARDED_FOR = new HttpString("X-Forwarded-For");
  static final HttpString X_FORWARDED_PROTO = new HttpString("X-Forwarded-Proto");
  static final HttpString X_FORWARDED_HOST = new HttpString("X-Forwarded-Host");
  static final HttpString X_FORWARDED_PORT = new HttpString("X-Forwarded-Port");
  static final HttpString X_FORWARDED_PATH = new HttpString("X-Forwarded-Path");
  static final HttpString X_FORWARDED_PREFIX = new HttpString("X-Forwarded-Prefix");
  static final HttpString X_REAL_IP = new HttpString("X-Real-IP");

  /** Set by the gateway, so never copied from the client. */
  private static final Set<HttpString> SKIP = Set.of(Headers.EXPECT, Headers.CONTENT_LENGTH, Headers.HOST,
      X_FORWARDED_PROTO, X_FORWARDED_HOST, X_FORWARDED_PORT, X_FORWARDED_PATH, X_FORWARDED_PREFIX, X_REAL_IP,
      OwnResponse.REQUEST_ID);

  private UpstreamRequests() {}

  /** The request with the client's method and end-to-end headers; plugins change it before {@link #complete}. */
  static ClientRequest start(HttpServerExchange exchange, boolean underscores) {
    ClientRequest request = new ClientRequest().setMethod(exchange.getRequestMethod());
    request.setProtocol(Protocols.HTTP_1_1);
    HopByHop.copy(exchange.getRequestHeaders(), request.getRequestHeaders(), SKIP, !underscores);
    return request;
  }

  /**
   * Sets path and query, the proxy headers and the framing.
   *
   * @param bodyLength the body length when known (held or declared), -1 to stream it chunked, 0 for no body
   */
  static void complete(ClientRequest request, ExchangeRequest client, RouteMatch match, String query,
      String requestId, long bodyLength) {
    request.setPath(query == null ? match.upstreamPath() : match.upstreamPath() + '?' + query);
    HeaderMap h = request.getRequestHeaders();
    HopByHop.strip(h);
    HttpServerExchange exchange = client.exchange();
    String ip = client.clientIp();
    HeaderMap in = exchange.getRequestHeaders();
    h.put(X_FORWARDED_FOR, ProxyHeaderRules.forwardedFor(in.getFirst(X_FORWARDED_FOR), client.peerIp(), ip));
    // Kong passes a trusted proxy's X-Forwarded-* on and replaces anyone else's.
    HeaderMap kept = client.fromTrustedProxy() ? in : null;
    h.put(X_FORWARDED_PROTO, forwarded(kept, X_FORWARDED_PROTO, client.scheme()));
    h.put(X_FORWARDED_HOST, forwarded(kept, X_FORWARDED_HOST, client.host()));
    h.put(X_FORWARDED_PORT, forwarded(kept, X_FORWARDED_PORT, Integer.toString(client.port())));
    h.put(X_FORWARDED_PATH, forwarded(kept, X_FORWARDED_PATH, client.rawPath()));
    String prefix = match.strippedPrefix();
    prefix = forwarded(kept, X_FORWARDED_PREFIX, prefix != null && !prefix.isEmpty() && !"/".equals(prefix) ? prefix
        : null);
    if (prefix != null) {
      h.put(X_FORWARDED_PREFIX, prefix);
    }
    h.put(X_REAL_IP, ip);
    h.put(Headers.VIA, ProxyHeaderRules.appendVia(exchange.getRequestHeaders().getFirst(Headers.VIA),
        ProxyHeaderRules.via(client.protocol())));
    h.put(OwnResponse.REQUEST_ID, requestId);
    h.remove(Headers.CONTENT_LENGTH);
    if (bodyLength > 0 || (bodyLength == 0 && declaresBody(exchange))) {
      h.put(Headers.CONTENT_LENGTH, bodyLength);
    } else if (bodyLength < 0) {
      h.put(Headers.TRANSFER_ENCODING, Headers.CHUNKED.toString());
    }
  }

  private static String forwarded(HeaderMap trusted, HttpString name, String own) {
    String theirs = trusted == null ? null : trusted.getFirst(name);
    return theirs != null ? theirs : own;
  }

  /** True when the client framed a body, even an empty one ({@code Content-Length: 0} is forwarded as such). */
  private static boolean declaresBody(HttpServerExchange exchange) {
    return exchange.getRequestHeaders().contains(Headers.CONTENT_LENGTH)
        || exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
  }
}
