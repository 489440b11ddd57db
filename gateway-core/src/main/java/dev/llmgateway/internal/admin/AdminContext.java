package dev.llmgateway.internal.admin;

import dev.llmgateway.internal.config.ConfigSnapshot;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.config.EntityTypes;
import dev.llmgateway.internal.declarative.DeclarativeConfig;
import dev.llmgateway.internal.store.ConfigWriter;
import dev.llmgateway.internal.store.EntityWrites;
import dev.llmgateway.internal.store.Mutation;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** What the endpoints share: the writer and its live configuration, entity operations, and node facts. */
final class AdminContext {
  final ConfigWriter writer;
  final EntityWrites writes;
  final DeclarativeConfig declarative;
  final NodeInfo node;
  final ServerFigures figures;
  /** Applied to a {@code POST /config} configuration before it replaces the running one. */
  final UnaryOperator<Configuration> onConfigLoad;
  /** This node's balancer, for the health endpoints; null when the API runs without a proxy. */
  final dev.llmgateway.internal.balancer.Balancer balancer;
  /** The Prometheus text of {@code GET /metrics}, or null when this API serves no metrics. */
  final Supplier<String> metrics;
  /** Built once per set of entity types, not per request. */
  private volatile RouteTable routes;

  AdminContext(ConfigWriter writer, EntityWrites writes, DeclarativeConfig declarative, NodeInfo node,
      ServerFigures figures, UnaryOperator<Configuration> onConfigLoad, dev.llmgateway.internal.balancer.Balancer balancer,
      Supplier<String> metrics) {
    this.balancer = balancer;
    this.metrics = metrics;
    this.writer = writer;
    this.writes = writes;
    this.declarative = declarative;
    this.node = node;
    this.figures = figures;
    this.onConfigLoad = onConfigLoad;
  }

  /** The snapshot reads use: every write acknowledged so far, nothing more. */
  ConfigSnapshot snapshot() {
    return writer.live().current();
  }

  Configuration configuration() {
    return snapshot().configuration();
  }

  /** The paths served over the live entity types. */
  RouteTable routes() {
    EntityTypes types = configuration().types();
    RouteTable table = routes;
    if (table == null || table.types() != types) {
      table = RouteTable.of(types, metrics != null);
      routes = table;
    }
    return table;
  }

  <T> CompletableFuture<T> write(Mutation<T> mutation) {
    return writer.submit(mutation);
  }
}
