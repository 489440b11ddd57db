package dev.llmgateway.undertow.internal.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;

/**
 * The root handler of the proxy listeners: each request becomes a {@link ProxyExchange} on the config snapshot
 * current at its arrival, and runs on its IO thread from there. Internal to the gateway.
 */
public final class ProxyEndpoint implements HttpHandler {
  private final ProxyRuntime runtime;

  public ProxyEndpoint(ProxyRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    ProxyExchange proxied = new ProxyExchange(runtime, exchange, runtime.config.current(), System.nanoTime());
    // Dispatching keeps Undertow from ending the exchange when this method returns; the task runs right after.
    exchange.dispatch(SameThreadExecutor.INSTANCE, proxied);
  }
}
