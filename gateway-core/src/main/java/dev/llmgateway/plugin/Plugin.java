package dev.llmgateway.plugin;

/**
 * One configured plugin instance; its methods are the phases of a request. Every phase but {@link #log} runs on
 * an IO thread and must not block: do slow work through {@link Verdict#later}, or declare {@link #blocking()} so
 * that access runs on a worker. The access phase has a time limit (60 s unless the gateway is configured
 * otherwise): past it the request is answered 500 and whatever the plugin still returns is ignored. Instances
 * are shared by concurrent requests and must be thread-safe.
 */
public interface Plugin {
  /**
   * The access phase, before the upstream call: authenticate, limit, rewrite the upstream request, or answer the
   * request directly by returning a responding verdict.
   */
  default Verdict access(AccessContext ctx) {
    return Verdict.proceed();
  }

  /** True when {@link #access} may block; it then runs on a worker thread, never on an IO thread. */
  default boolean blocking() {
    return false;
  }

  /**
   * How many bytes of the request body this plugin needs buffered before {@link #access} (0: none). Larger
   * bodies are refused with 413 before access runs.
   */
  default int requestBodyLimit() {
    return 0;
  }

  /**
   * The response's status and headers are known and nothing is sent to the client yet: the upstream answered, or
   * the gateway answers itself (a plugin's verdict, a Kong error) — like Kong's {@code header_filter}, which runs on
   * both. {@link ResponseContext#proxied()} tells them apart.
   */
  default void responseHeaders(ResponseContext ctx) {}

  /**
   * Asked once per response, after {@link #responseHeaders}; a non-null observer sees every upstream chunk as it
   * passes, read-only. Returning null keeps this plugin off the per-chunk path.
   */
  default BodyObserver observeBody(ResponseContext ctx) {
    return null;
  }

  /**
   * Asked once per proxied response that has a body, after {@link #observeBody}; a non-null rewriter changes the body
   * the client receives (several apply in plugin order, each getting the previous one's output). Two kinds:
   *
   * <ul>
   *   <li>a streaming {@link BodyRewriter} (chunk in, bytes out, then {@link BodyRewriter#finish}) to edit a body as
   *       it passes, SSE included — dropping or changing events without holding more than the one in progress;
   *   <li>{@link BodyRewriter#whole}{@code (ctx, body -> ...)} to edit a whole body at once (a JSON document, like
   *       Kong's buffering {@code body_filter}): it is null, so the body passes untouched, unless the body is not
   *       streamed — a {@code Content-Length} of at most {@link #REWRITE_LIMIT}, not {@code text/event-stream}.
   * </ul>
   *
   * Returning null, the default, leaves the body byte for byte as the upstream sent it.
   */
  default BodyRewriter rewriteBody(ResponseContext ctx) {
    return null;
  }

  /** The largest response body {@link BodyRewriter#whole} holds (8 MiB); larger ones stream through untouched. */
  int REWRITE_LIMIT = 8 * 1024 * 1024;

  /** After the last byte or an abort; runs on a worker thread and may block (file or network logging). */
  default void log(LogContext ctx) {}

  /**
   * False when {@link #log} never blocks and is cheap (it only records figures in memory, like the prometheus
   * plugin): it then runs on the request's IO thread as the exchange ends, which saves a hand-off to a worker.
   */
  default boolean logBlocks() {
    return true;
  }

  /**
   * Called once when a configuration change has replaced this instance (after the new snapshot is live), when a
   * snapshot that was built never went live, and when the gateway closes: release what the instance holds
   * alone (threads, connections, timers). Requests that started on the old snapshot may still be finishing on
   * this instance. Runs on the config writer's thread, never on the request path; an exception is logged and
   * ignored. State kept in {@link RuntimeState} belongs to the binding, not the instance: leave it alone.
   */
  default void retire() {}
}
