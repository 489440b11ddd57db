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

  /** Why the exchange failed (for example {@code "upstream timeout"}), or null. */
  String failure();
}
