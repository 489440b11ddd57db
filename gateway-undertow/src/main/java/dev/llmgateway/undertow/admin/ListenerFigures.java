package dev.llmgateway.undertow.admin;

import dev.llmgateway.admin.ServerFigures;
import io.undertow.server.ConnectorStatistics;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@link ServerFigures} from Undertow's connector statistics (listeners built with
 * {@code UndertowOptions.ENABLE_STATISTICS}). Undertow counts open connections and requests but not accepted
 * connections over time, so {@code connections_accepted}/{@code connections_handled} report 0.
 */
public final class ListenerFigures implements ServerFigures {
  private final Supplier<List<ConnectorStatistics>> statistics;

  /** Figures summed over the listeners {@code statistics} returns (null entries are skipped). */
  public ListenerFigures(Supplier<List<ConnectorStatistics>> statistics) {
    this.statistics = statistics;
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
    return new Counters(0, active, 0, activeRequests, 0, Math.max(0, active - activeRequests), requests);
  }
}
