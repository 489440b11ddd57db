package dev.llmgateway.plugin;

/** The log phase's view, after the exchange ended: what happened and how long it took. */
public interface LogContext extends RequestState {
  /** The status sent to the client (499 when the client left before a response started). */
  int status();

  /** Response body bytes sent to the client. */
  long bytesSent();

  /** Request body bytes received from the client. */
  long bytesReceived();

  /** From the request's arrival to the end of the exchange. */
  long totalMillis();

  /** From sending upstream to the upstream's first response byte; -1 when the upstream was not reached. */
  long upstreamMillis();

  /**
   * Milliseconds the gateway itself spent: from arrival to the upstream call, or the whole request when the
   * gateway answered it (Kong's {@code latencies.kong}).
   */
  long kongMillis();

  /** When the request arrived, in epoch milliseconds (Kong's {@code started_at}). */
  long startedAt();

  /** The response headers as sent to the client. */
  Headers responseHeaders();

  /** The path and query sent upstream, or null when the request never went upstream. */
  String upstreamUri();

  /** Why the exchange failed (for example {@code "upstream timeout"}), or null. */
  String failure();
}
