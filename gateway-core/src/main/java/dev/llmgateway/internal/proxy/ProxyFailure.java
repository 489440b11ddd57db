package dev.llmgateway.internal.proxy;

/**
 * Every way the gateway itself answers a proxied request instead of the upstream, mapped once to Kong's status and
 * message. {@link #fromErrorHandler()} tells which of Kong's two error producers the case belongs to, which decides
 * the body format when the client sends no {@code Accept} (see {@link ErrorFormat}).
 */
public enum ProxyFailure {
  /** No route matched. */
  NO_ROUTE(404, "no Route matched with those values", false, "no route"),
  /** The matched route has no service. */
  NO_SERVICE(503, "no Service found with those values", false, "no service"),
  /** An https-only route was requested over http. */
  HTTPS_REQUIRED(426, "Please use HTTPS protocol", false, "https required"),
  /** The upstream could not be connected to (refused, reset, unreachable), after retries. */
  UPSTREAM_UNREACHABLE(502, "An invalid response was received from the upstream server", true,
      "upstream connect failed"),
  /** The upstream broke off or answered something that is not HTTP. */
  INVALID_RESPONSE(502, "An invalid response was received from the upstream server", true,
      "invalid upstream response"),
  /** Connect, write or read timeout. */
  UPSTREAM_TIMEOUT(504, "The upstream server is timing out", true, "upstream timeout"),
  /** The upstream host name did not resolve. */
  NAME_RESOLUTION(503, "name resolution failed", false, "name resolution failed"),
  /** The service's upstream entity has no target that takes traffic. */
  NO_TARGETS(503, "failure to get a peer from the ring-balancer", false, "no targets"),
  /** A request path that cannot be normalised. */
  BAD_REQUEST(400, "Bad request", true, "bad request"),
  /** A request body larger than a plugin's buffering limit. */
  PAYLOAD_TOO_LARGE(413, "Payload too large", true, "payload too large"),
  /** The client stopped sending its request body (nginx's {@code client_body_timeout}). */
  REQUEST_TIMEOUT(408, "Request timeout", true, "client body timeout"),
  /** A request transfer coding other than chunked (nginx implements no other). */
  UNSUPPORTED_TRANSFER_CODING(501, "Not implemented", true, "unsupported transfer coding"),
  /** {@code CONNECT} (the gateway is not a forward proxy) or {@code TRACE}. */
  METHOD_NOT_ALLOWED(405, "Method not allowed", true, "method not allowed"),
  /** A plugin failed, or an unexpected fault in the gateway. */
  UNEXPECTED(500, "An unexpected error occurred", true, "unexpected error");

  private final int status;
  private final String message;
  private final boolean fromErrorHandler;
  private final String reason;

  ProxyFailure(int status, String message, boolean fromErrorHandler, String reason) {
    this.status = status;
    this.message = message;
    this.fromErrorHandler = fromErrorHandler;
    this.reason = reason;
  }

  public int status() {
    return status;
  }

  /** The exact message Kong puts in the body. */
  public String message() {
    return message;
  }

  /**
   * True for the cases nginx raises and Kong renders in its error handler (format from {@code Accept}, else the
   * request's {@code Content-Type}, else text/plain); false for {@code kong.response.error} (default JSON).
   */
  public boolean fromErrorHandler() {
    return fromErrorHandler;
  }

  /** A short reason for logs and the log phase, never shown to clients. */
  public String reason() {
    return reason;
  }
}
