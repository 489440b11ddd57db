package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.plugin.Plugin;

/**
 * The plugins' response-headers phase on an answer the gateway gives itself (a plugin's verdict, a Kong error), as
 * Kong runs {@code header_filter} on {@code kong.response.exit} and error responses: CORS headers reach a refused
 * browser request, response-transformer edits apply to Kong's own bodies' headers.
 */
final class ResponsePhase {
  private static final System.Logger LOG = System.getLogger("dev.llmgateway.internal.proxy");

  private ResponsePhase() {}

  /** Runs each plugin's {@link Plugin#responseHeaders} over the head about to be written; a failure is logged. */
  static void own(ProxyExchange px, int status) {
    PluginContext ctx = px.ctx;
    if (ctx == null) {
      return;
    }
    ctx.status(status);
    ctx.proxied(false);
    ctx.responseHeaders(px.exchange.getResponseHeaders());
    for (Plugin p : px.plugins()) {
      try {
        p.responseHeaders(ctx);
      } catch (RuntimeException e) {
        // The answer is already decided; a failing header edit must not turn it into another one.
        LOG.log(System.Logger.Level.WARNING, "request " + px.requestId + ": response headers phase failed", e);
      }
    }
  }
}
