package dev.llmgateway.internal.plugins.prometheus;

import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import dev.llmgateway.plugin.RuntimeState;
import dev.llmgateway.plugin.StateKey;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The meters of every prometheus plugin instance of one gateway, kept in its {@link RuntimeState} (shared, not
 * per plugin: a series counts every instance's requests) so that they outlive config snapshots. Meters are looked up per route once and then reused: a request reads a map and an
 * array, and allocates nothing Micrometer itself does not.
 */
final class KongMeters {
  private static final StateKey<KongMeters> KEY = StateKey.of("prometheus/meters", KongMeters.class);

  final MeterRegistry registry;
  final ModelLabels models = new ModelLabels(ModelLabels.DEFAULT_LIMIT);
  final ModelLabels providers = new ModelLabels(32);
  private final ConcurrentMap<UUID, RouteMeters> routes = new ConcurrentHashMap<>();
  /** The byte counts behind the {@code kong_bandwidth_bytes} gauges, by their labels. */
  final ConcurrentMap<String, java.util.concurrent.atomic.LongAdder> bandwidth = new ConcurrentHashMap<>();

  private KongMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The meters of the gateway that {@code state} belongs to. */
  static KongMeters of(RuntimeState state) {
    return state.shared(KEY, () -> new KongMeters(state.meterRegistry()));
  }

  /** The meters of a route; rebuilt when the route or its service changed (a new snapshot), else reused. */
  RouteMeters route(Route route, Service service) {
    RouteMeters m = routes.get(route.id());
    if (m != null && m.route == route && m.service == service) {
      return m;
    }
    RouteMeters fresh = new RouteMeters(this, route, service);
    routes.put(route.id(), fresh);
    return fresh;
  }
}
