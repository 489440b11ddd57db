package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.net.TrustedProxies;
import dev.llmgateway.plugin.ClientRequest;
import dev.llmgateway.plugin.Headers;
import dev.llmgateway.internal.route.RouteRequest;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * The client's request as the router and plugins see it, read straight from the exchange: nothing is copied
 * except the few values computed once (host, port, client address). The client address is the peer's, or, from a
 * trusted proxy, the one its header names ({@link TrustedProxies}).
 */
final class ExchangeRequest implements RouteRequest, ClientRequest {
  private final HttpServerExchange exchange;
  private final String rawPath;
  private final String path;
  private final TrustedProxies trusted;
  private String host;
  private int port = -1;
  private String clientIp;
  private String peerIp;
  private HeaderMapView headers;

  ExchangeRequest(HttpServerExchange exchange, String rawPath, String normalizedPath, TrustedProxies trusted) {
    this.exchange = exchange;
    this.trusted = trusted;
    this.rawPath = rawPath;
    this.path = normalizedPath;
  }

  HttpServerExchange exchange() {
    return exchange;
  }

  /** The path as the client sent it (no query), for X-Forwarded-Path and the access log. */
  String rawPath() {
    return rawPath;
  }

  @Override
  public String method() {
    return exchange.getRequestMethod().toString();
  }

  @Override
  public String scheme() {
    return exchange.getRequestScheme();
  }

  @Override
  public String host() {
    if (host == null) {
      String h = exchange.getRequestHeaders().getFirst(io.undertow.util.Headers.HOST);
      host = h == null ? "" : stripPort(h).toLowerCase(Locale.ROOT);
    }
    return host;
  }

  @Override
  public int port() {
    if (port < 0) {
      InetSocketAddress local = exchange.getConnection().getLocalAddress(InetSocketAddress.class);
      port = local == null ? 0 : local.getPort();
    }
    return port;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public List<String> headerValues(String name) {
    HeaderValues values = exchange.getRequestHeaders().get(name);
    return values == null ? List.of() : values;
  }

  @Override
  public String rawQuery() {
    String q = exchange.getQueryString();
    return q == null || q.isEmpty() ? null : q;
  }

  @Override
  public List<String> queryParams(String name) {
    Deque<String> values = exchange.getQueryParameters().get(name);
    return values == null ? List.of() : new ArrayList<>(values);
  }

  @Override
  public Headers headers() {
    if (headers == null) {
      headers = new HeaderMapView(exchange.getRequestHeaders());
    }
    return headers;
  }

  @Override
  public String clientIp() {
    if (clientIp == null) {
      String peer = peerIp();
      clientIp = trusted.ranges().isEmpty() ? peer : trusted.clientIp(peer, realIpHeader());
    }
    return clientIp;
  }

  /** The TCP peer's address (nginx's {@code $realip_remote_addr}), whatever the trusted proxies say. */
  String peerIp() {
    if (peerIp == null) {
      InetSocketAddress peer = exchange.getSourceAddress();
      peerIp = peer == null || peer.getAddress() == null ? "" : peer.getAddress().getHostAddress();
    }
    return peerIp;
  }

  /** Whether the peer is a trusted proxy, whose X-Forwarded-* headers are passed on instead of replaced. */
  boolean fromTrustedProxy() {
    return !trusted.ranges().isEmpty() && trusted.trusts(peerIp());
  }

  private String realIpHeader() {
    HeaderValues values = exchange.getRequestHeaders().get(trusted.header());
    if (values == null || values.isEmpty()) {
      return null;
    }
    return trusted.forwardedFor() && values.size() > 1 ? String.join(",", values) : values.getFirst();
  }

  @Override
  public String protocol() {
    return exchange.getProtocol().toString();
  }

  /** {@code example.com:8000} to {@code example.com}; {@code [::1]:8000} to {@code ::1}. */
  static String stripPort(String hostHeader) {
    if (hostHeader.startsWith("[")) {
      int close = hostHeader.indexOf(']');
      return close < 0 ? hostHeader : hostHeader.substring(1, close);
    }
    int colon = hostHeader.indexOf(':');
    return colon < 0 ? hostHeader : hostHeader.substring(0, colon);
  }
}
