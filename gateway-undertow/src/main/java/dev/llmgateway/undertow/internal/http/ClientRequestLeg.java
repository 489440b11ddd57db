package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.net.TrustedProxies;
import dev.llmgateway.undertow.internal.http1.RequestFraming;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * The client's side of a request coming in: its head as routed ({@link ExchangeRequest}, once the path is
 * valid), whether reading its body has begun, and how many body bytes went upstream. Owned by the request's IO
 * thread.
 */
final class ClientRequestLeg {
  private final HttpServerExchange exchange;
  private ExchangeRequest parsed;
  private boolean bodyRead;
  private long bodyBytes;

  ClientRequestLeg(HttpServerExchange exchange) {
    this.exchange = exchange;
  }

  /**
   * The request with its path checked and normalised; from here on it can be routed. Its client address is the
   * one {@code trustedProxies} resolve.
   */
  ExchangeRequest parsed(String rawPath, String normalizedPath, TrustedProxies trustedProxies) {
    parsed = new ExchangeRequest(exchange, rawPath, normalizedPath, trustedProxies);
    return parsed;
  }

  /** The routed request, or null when it was refused before routing (framing, method, path). */
  ExchangeRequest request() {
    return parsed;
  }

  /** The client's scheme, {@code http} before routing (as the error pages assume). */
  String scheme() {
    return parsed == null ? "http" : parsed.scheme();
  }

  /** The path as the client sent it, for the access log; null when it could not be read. */
  String rawPath() {
    return parsed != null ? parsed.rawPath() : RequestTarget.rawPath(exchange);
  }

  /** The client's address, {@code -} when unknown. */
  String clientIp() {
    if (parsed != null) {
      String ip = parsed.clientIp(); // computed once, usually already for X-Forwarded-For
      return ip.isEmpty() ? "-" : ip;
    }
    return exchange.getSourceAddress() == null || exchange.getSourceAddress().getAddress() == null
        ? "-" : exchange.getSourceAddress().getAddress().getHostAddress();
  }

  /** Whether the request has a body still to come (an unreadable length counts: it is never read). */
  boolean hasBody() {
    if (exchange.isRequestComplete()) {
      return false;
    }
    if (!RequestFraming.validContentLength(exchange.getRequestHeaders().get(Headers.CONTENT_LENGTH))) {
      return true; // never read; the connection closes after the 400
    }
    long length = exchange.getRequestContentLength();
    return length != 0;
  }

  /** Reading the body begins (for plugins or the upstream). */
  void startReading() {
    bodyRead = true;
  }

  /** Whether the gateway answers with the request body still unread (then the connection is not reused). */
  boolean bodyUnread() {
    return !bodyRead && hasBody();
  }

  /** The body bytes held before the upstream call: the count starts from them. */
  void held(long bytes) {
    bodyBytes = bytes;
  }

  /** Body bytes streamed upstream after the held ones. */
  void streamed(long bytes) {
    bodyBytes += bytes;
  }

  /** Request body bytes sent upstream, for the log phase. */
  long bodyBytes() {
    return bodyBytes;
  }
}
