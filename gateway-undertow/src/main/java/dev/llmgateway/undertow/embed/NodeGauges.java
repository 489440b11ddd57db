package dev.llmgateway.undertow.embed;

import dev.llmgateway.Version;
import dev.llmgateway.internal.admin.ServerFigures;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToLongFunction;

/**
 * Kong's node-level series, present whether or not a prometheus plugin is configured: {@code kong_node_info},
 * {@code kong_datastore_reachable}, {@code kong_nginx_connections_total}, {@code kong_nginx_requests_total} and
 * {@code kong_nginx_metric_errors_total}. Kong types the nginx ones as gauges; Micrometer's Prometheus registry
 * keeps the {@code _total} name only for counters, so they are function counters here (same name and labels).
 */
final class NodeGauges {
  private NodeGauges() {}

  static void register(MeterRegistry registry, String nodeId, ServerFigures figures) {
    Gauge.builder("kong.node.info", () -> 1).description("Kong Node metadata information")
        .tags("node_id", nodeId, "version", Version.VERSION).register(registry);
    // DB-less in Kong terms: the store is local, so it is reachable whenever this process answers.
    Gauge.builder("kong.datastore.reachable", () -> 1)
        .description("Datastore reachable from Kong, 0 is unreachable").register(registry);
    connections(registry, nodeId, figures, "accepted", ServerFigures.Counters::connectionsAccepted);
    connections(registry, nodeId, figures, "handled", ServerFigures.Counters::connectionsHandled);
    connections(registry, nodeId, figures, "total", ServerFigures.Counters::totalRequests);
    connections(registry, nodeId, figures, "active", ServerFigures.Counters::connectionsActive);
    connections(registry, nodeId, figures, "reading", ServerFigures.Counters::connectionsReading);
    connections(registry, nodeId, figures, "writing", ServerFigures.Counters::connectionsWriting);
    connections(registry, nodeId, figures, "waiting", ServerFigures.Counters::connectionsWaiting);
    FunctionCounter.builder("kong.nginx.requests", figures, f -> f.counters().totalRequests())
        .description("Number of requests total").tags("node_id", nodeId, "subsystem", "http").register(registry);
    FunctionCounter.builder("kong.nginx.metric.errors", figures, f -> 0)
        .description("Number of nginx-lua-prometheus errors").register(registry);
  }

  private static void connections(MeterRegistry registry, String nodeId, ServerFigures figures, String state,
      ToLongFunction<ServerFigures.Counters> value) {
    FunctionCounter.builder("kong.nginx.connections", figures, f -> value.applyAsLong(f.counters()))
        .description("Number of connections by subsystem")
        .tags("node_id", nodeId, "subsystem", "http", "state", state).register(registry);
  }
}
