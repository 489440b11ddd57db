package dev.llmgateway.internal.admin;

/**
 * The server's connection and request counters for {@code GET /status}, supplied by the server adapter (the
 * Admin API logic has no server of its own). Counters a server does not keep are reported as 0.
 */
@FunctionalInterface
public interface ServerFigures {
  /** Kong's {@code server} block of {@code GET /status}. */
  record Counters(long connectionsAccepted, long connectionsActive, long connectionsHandled,
      long connectionsReading, long connectionsWriting, long connectionsWaiting, long totalRequests) {}

  Counters counters();

  /** Figures for a gateway without a server (embedding tests). */
  static ServerFigures none() {
    return () -> new Counters(0, 0, 0, 0, 0, 0, 0);
  }
}
