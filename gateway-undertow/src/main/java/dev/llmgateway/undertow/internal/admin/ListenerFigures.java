package dev.llmgateway.undertow.internal.admin;

import dev.llmgateway.internal.admin.ServerFigures;
import io.undertow.server.ConnectorStatistics;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@link ServerFigures} from Undertow's connector statistics (listeners built with
 * {@code UndertowOptions.ENABLE_STATISTICS}: open connections, requests) and the listeners' own count of accepted
 * connections. Every accepted connection is handled, as in nginx without resource limits.
 */
public final class ListenerFigures implements ServerFigures {
  private final Supplier<List<ConnectorStatistics>> statistics;
  private final LongSupplier accepted;

  /** Figures summed over the listeners {@code statistics} returns (null entries are skipped). */
  public ListenerFigures(Supplier<List<ConnectorStatistics>> statistics, LongSupplier accepted) {
    this.statistics = statistics;
    this.accepted = accepted;
  }

  @Override
  public Counters counters() {
    long active = 0;
    long requests = 0;
    long activeRequests = 0;
    for (ConnectorStatistics s : statistics.get()) {
      if (s != null) {
        active += s.getActiveConnections();
        requests += s.getRequestCount();
        activeRequests += s.getActiveRequests();
      }
    }
    long total = accepted.getAsLong();
    // nginx counts a connection whose request is being processed as "writing"; Undertow does not tell the short
    // "reading the request head" state apart, so reading stays 0.
    return new Counters(total, active, total, 0, activeRequests, Math.max(0, active - activeRequests), requests);
  }
}
