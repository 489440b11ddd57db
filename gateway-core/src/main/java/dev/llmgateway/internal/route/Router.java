package dev.llmgateway.internal.route;

import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;

/**
 * The compiled, immutable route table of one config snapshot: picks the route for a request the way Kong's
 * {@code traditional_compatible} router does, and computes the upstream path. Prefix paths are looked up in a radix
 * tree, so a match costs about the same with ten routes or ten thousand; the few regex and path-less routes are
 * tried in priority order, and no candidate ranking below the best match so far is ever evaluated.
 */
public final class Router {
  private final PrefixTrie prefixes;
  private final Candidates others;

  private Router(PrefixTrie prefixes, Candidates others) {
    this.prefixes = prefixes;
    this.others = others;
  }

  /**
   * Compiles the routes that serve http or https (stream-only and grpc-only routes are left out); {@code services}
   * resolves each route's service, and a route whose service is not there is matched with a null service. Routes of
   * disabled services are expected to be left out by the caller. Equal priorities keep the order given here.
   */
  public static Router compile(Collection<Route> routes, Map<UUID, Service> services) {
    List<SubRoute> all = new ArrayList<>();
    for (Route route : routes) {
      if (!route.protocols().contains("http") && !route.protocols().contains("https")) {
        continue;
      }
      Service service = route.serviceId() == null ? null : services.get(route.serviceId());
      if (route.paths().isEmpty()) {
        all.add(new SubRoute(route, service, null, all.size()));
      }
      for (String path : route.paths()) {
        all.add(new SubRoute(route, service, path, all.size()));
      }
    }
    all.sort(SubRoute.PRIORITY);
    Map<String, List<SubRoute>> byPrefix = new LinkedHashMap<>();
    List<SubRoute> rest = new ArrayList<>();
    for (int rank = 0; rank < all.size(); rank++) {
      SubRoute s = all.get(rank);
      s.rank = rank;
      if (s.prefix != null) {
        byPrefix.computeIfAbsent(s.prefix, p -> new ArrayList<>()).add(s);
      } else {
        rest.add(s);
      }
    }
    Map<String, Candidates> filed = new LinkedHashMap<>();
    byPrefix.forEach((prefix, list) -> filed.put(prefix, Candidates.of(list)));
    return new Router(PrefixTrie.build(filed), Candidates.of(rest));
  }

  /** The best match for a request whose path is already normalised, or null when no route matches (Kong's 404). */
  public RouteMatch match(RouteRequest request) {
    String path = request.path();
    SubRoute best = prefixes.best(request, path, Integer.MAX_VALUE);
    SubRoute other = others.best(request, path, best == null ? Integer.MAX_VALUE : best.rank);
    if (other != null) {
      best = other;
    }
    if (best == null) {
      return null;
    }
    if (best.prefix != null) {
      return best.toMatch(path, best.prefix, Map.of());
    }
    if (best.regex != null) {
      Matcher m = best.regex.match(path);
      return best.toMatch(path, path.substring(0, m.end()), best.regex.captures(m));
    }
    return best.toMatch(path, null, Map.of());
  }
}
