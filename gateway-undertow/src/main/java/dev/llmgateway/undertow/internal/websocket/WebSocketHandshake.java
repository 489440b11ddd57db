package dev.llmgateway.undertow.internal.websocket;

import dev.llmgateway.internal.proxy.HopByHopHeaders;
import io.undertow.client.ClientRequest;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.Protocols;

/**
 * Which client requests are WebSocket handshakes the gateway proxies (an HTTP/1.1 {@code GET} without a body,
 * {@code Upgrade: websocket} and {@code upgrade} among the {@code Connection} tokens), and the two headers that
 * make the upstream request one again after the hop-by-hop headers were stripped. Any other {@code Upgrade}
 * (h2c, TLS/1.2...) is no handshake: it is stripped and the request proxied as a plain one. HTTP/2 clients cannot
 * upgrade (RFC 8441's extended CONNECT is not supported).
 */
public final class WebSocketHandshake {
  private static final String WEBSOCKET = "websocket";

  private WebSocketHandshake() {}

  /** Whether {@code exchange} is a WebSocket handshake to proxy as one. */
  public static boolean requested(HttpServerExchange exchange) {
    HeaderMap h = exchange.getRequestHeaders();
    HeaderValues upgrade = h.get(Headers.UPGRADE);
    if (upgrade == null || upgrade.size() != 1 || !WEBSOCKET.equalsIgnoreCase(upgrade.getFirst().trim())) {
      return false;
    }
    if (!(exchange.getConnection() instanceof HttpServerConnection)
        || !Protocols.HTTP_1_1.equals(exchange.getProtocol()) || !Methods.GET.equals(exchange.getRequestMethod())
        || h.contains(Headers.TRANSFER_ENCODING) || !noBody(h.getFirst(Headers.CONTENT_LENGTH))) {
      return false;
    }
    return connectionSaysUpgrade(h.get(Headers.CONNECTION));
  }

  /** Puts back what the hop-by-hop rules removed from the upstream request: {@code Upgrade} and {@code Connection}. */
  public static void forward(ClientRequest upstream) {
    upstream.getRequestHeaders().put(Headers.UPGRADE, WEBSOCKET);
    upstream.getRequestHeaders().put(Headers.CONNECTION, Headers.UPGRADE_STRING);
  }

  private static boolean noBody(String contentLength) {
    return contentLength == null || contentLength.trim().equals("0");
  }

  private static boolean connectionSaysUpgrade(HeaderValues connection) {
    if (connection == null) {
      return false;
    }
    boolean[] found = new boolean[1];
    for (String value : connection) {
      HopByHopHeaders.connectionTokens(value, token -> found[0] |= token.equals("upgrade"));
    }
    return found[0];
  }
}
