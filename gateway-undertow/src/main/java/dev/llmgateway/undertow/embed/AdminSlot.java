package dev.llmgateway.undertow.embed;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The handler of the admin listener: the Admin API once the gateway has started (until then 503, so that
 * {@code GET /status} answers 200 only when the gateway is ready), and {@code GET /status} answering 503 while
 * the gateway drains, so that load balancers and {@code gateway health} take the node out at once.
 */
final class AdminSlot implements HttpHandler {
  private static final byte[] STARTING = "{\"message\":\"the gateway is starting\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] DRAINING = "{\"message\":\"the gateway is draining\"}".getBytes(StandardCharsets.UTF_8);

  private final AtomicReference<HttpHandler> api = new AtomicReference<>();
  private final BooleanSupplier draining;

  AdminSlot(BooleanSupplier draining) {
    this.draining = draining;
  }

  /** Starts serving the Admin API. */
  void open(HttpHandler handler) {
    api.set(handler);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    HttpHandler handler = api.get();
    if (handler == null) {
      unavailable(exchange, STARTING);
    } else if (draining.getAsBoolean() && isStatus(exchange)) {
      unavailable(exchange, DRAINING);
    } else {
      handler.handleRequest(exchange);
    }
  }

  private static boolean isStatus(HttpServerExchange exchange) {
    String path = exchange.getRequestPath();
    return (exchange.getRequestMethod().equals(Methods.GET) || exchange.getRequestMethod().equals(Methods.HEAD))
        && (path.equals("/status") || path.equals("/status/") || path.equals("/status/ready"));
  }

  private static void unavailable(HttpServerExchange exchange, byte[] body) {
    exchange.setStatusCode(503);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
    exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
    exchange.getResponseSender().send(java.nio.ByteBuffer.wrap(body));
  }
}
