package dev.llmgateway.route;

import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Placeholder until the router lands: a compiled, immutable route table. */
public final class Router {
  private final List<Route> routes;
  private final Map<UUID, Service> services;

  private Router(List<Route> routes, Map<UUID, Service> services) {
    this.routes = routes;
    this.services = services;
  }

  /** Compiles the routes whose service is enabled (or that have no service). */
  public static Router compile(Collection<Route> routes, Map<UUID, Service> services) {
    return new Router(List.copyOf(routes), Map.copyOf(services));
  }

  /** The best match for a request, or null when no route matches. */
  public RouteMatch match(RouteRequest request) {
    for (Route r : routes) {
      for (String p : r.paths()) {
        if (request.path().startsWith(p)) {
          Service s = r.serviceId() == null ? null : services.get(r.serviceId());
          return new RouteMatch(r, s, request.path(), null, Map.of());
        }
      }
    }
    return null;
  }
}
