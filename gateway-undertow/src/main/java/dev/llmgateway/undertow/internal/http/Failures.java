package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.plugin.Verdict;
import dev.llmgateway.internal.proxy.ErrorBody;
import dev.llmgateway.internal.proxy.ErrorFormat;
import dev.llmgateway.internal.proxy.ProxyFailure;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.Map;
import org.xnio.IoUtils;

/**
 * How a proxied request is answered by the gateway itself: Kong's error for a {@link ProxyFailure}, a plugin's
 * verdict, or 500 for an unexpected fault (logged with the request id; never shown to the client). When the
 * response has already started, the only honest signal left is closing the connection.
 */
final class Failures {
  private static final System.Logger LOG = System.getLogger("dev.llmgateway.internal.proxy");

  private Failures() {}

  static void answer(ProxyExchange px, ProxyFailure failure) {
    answer(px, failure, null);
  }

  /** Answers with Kong's error for {@code failure}, plus {@code extra} headers (may be null). */
  static void answer(ProxyExchange px, ProxyFailure failure, HeaderMap extra) {
    if (px.isFinished()) {
      return;
    }
    if (px.exchange.isResponseStarted()) {
      IoUtils.safeClose(px.exchange.getConnection());
      px.finish(px.exchange.getStatusCode(), failure.reason());
      return;
    }
    if (failure == ProxyFailure.REQUEST_TIMEOUT) {
      px.exchange.setPersistent(false); // a stalled body would never drain, and its rest may still come
    }
    HeaderMap requestHeaders = px.exchange.getRequestHeaders();
    ErrorBody body = ErrorBody.render(failure, px.requestId, requestHeaders.getFirst(Headers.ACCEPT),
        requestHeaders.getFirst(Headers.CONTENT_TYPE));
    if (extra != null) {
      extra.forEach(values -> px.exchange.getResponseHeaders().putAll(values.getHeaderName(), values));
    }
    send(px, failure.status(), body.contentType(),
        OpenAiErrors.decorate(px, failure.status(), body.contentType(), body.bytes()), failure.reason());
  }

  /** Answers with what an access-phase plugin decided. */
  static void respond(ProxyExchange px, Verdict verdict) {
    if (px.isFinished()) {
      return;
    }
    for (Map.Entry<String, String> h : verdict.headers()) {
      px.exchange.getResponseHeaders().add(HttpString.tryFromString(h.getKey()), h.getValue());
    }
    if (verdict.message() != null) {
      ErrorFormat format = ErrorFormat.forAccept(px.exchange.getRequestHeaders().getFirst(Headers.ACCEPT));
      ErrorBody body = ErrorBody.render(format, verdict.message(), px.requestId);
      send(px, verdict.status(), body.contentType(),
          OpenAiErrors.decorate(px, verdict.status(), body.contentType(), body.bytes()), null);
    } else {
      send(px, verdict.status(), verdict.contentType(), verdict.body(), null);
    }
  }

  /** Kong's default messages ({@code kong.response.error}) of the statuses an access time limit may answer. */
  private static final Map<Integer, String> TIMEOUT_MESSAGES = Map.of(
      500, "An unexpected error occurred",
      502, "An invalid response was received from the upstream server",
      503, "The upstream server is currently unavailable",
      504, "The upstream server is timing out");

  /** {@code status} when an access time limit may answer with it (500, 502, 503 or 504); else throws. */
  static int checkAccessTimeoutStatus(int status) {
    if (!TIMEOUT_MESSAGES.containsKey(status)) {
      throw new IllegalArgumentException("the plugin access timeout status must be 500, 502, 503 or 504, not "
          + status);
    }
    return status;
  }

  /**
   * The access phase outlived its time limit: Kong's error for the configured status (by default 500
   * {@code "An unexpected error occurred"}, as {@code kong.response.error} renders it), with the headers plugins
   * set so far; the log phase sees the failure {@code "plugin access timeout"}.
   */
  static void accessTimedOut(ProxyExchange px, String plugin) {
    if (px.isFinished()) {
      return;
    }
    int status = px.runtime.accessTimeoutStatus;
    LOG.log(System.Logger.Level.WARNING, "request " + px.requestId + ": plugin '" + plugin + "' did not finish"
        + " its access phase within " + java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(
            px.runtime.accessTimeoutNanos) + " ms; answered " + status);
    if (px.exchange.isResponseStarted()) {
      IoUtils.safeClose(px.exchange.getConnection());
      px.finish(px.exchange.getStatusCode(), "plugin access timeout");
      return;
    }
    ErrorFormat format = ErrorFormat.forAccept(px.exchange.getRequestHeaders().getFirst(Headers.ACCEPT));
    ErrorBody body = ErrorBody.render(format, TIMEOUT_MESSAGES.get(status), px.requestId);
    send(px, status, body.contentType(), body.bytes(), "plugin access timeout");
  }

  /** A plugin or the gateway failed: 500, and the cause in the gateway's log only. */
  static void unexpected(ProxyExchange px, Throwable error) {
    LOG.log(System.Logger.Level.WARNING, "request " + px.requestId + " failed"
        + (px.upstream.match() == null ? "" : " on route " + px.upstream.match().route().id()), error);
    answer(px, ProxyFailure.UNEXPECTED);
  }

  private static void send(ProxyExchange px, int status, String contentType, byte[] body, String reason) {
    if (px.client.bodyUnread() || px.runtime.isDraining()) {
      // The unread body (or a stopping gateway) rules out reusing the connection.
      px.exchange.setPersistent(false);
    }
    HeaderMap pending = px.ctx == null ? null : px.ctx.pendingResponseHeaders();
    px.response.sent(body.length);
    OwnResponse.send(px.exchange, status, contentType, body, px.requestId, px.startNanos, pending,
        () -> ResponsePhase.own(px, status), () -> px.finish(status, reason));
  }
}
