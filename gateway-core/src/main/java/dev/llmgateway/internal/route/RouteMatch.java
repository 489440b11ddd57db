package dev.llmgateway.internal.route;

import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import java.util.Map;
import java.util.Objects;

/**
 * The result of routing one request: the route, its service (null for a route without one, which Kong answers
 * with 503), the path to send upstream (no query string), the prefix that was stripped (for
 * {@code X-Forwarded-Prefix}, null when nothing was stripped) and named regex captures.
 */
public record RouteMatch(Route route, Service service, String upstreamPath, String strippedPrefix,
    Map<String, String> captures) {
  public RouteMatch {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(upstreamPath, "upstreamPath");
    captures = captures == null ? Map.of() : captures;
  }

  /** The same match sent to {@code other} instead: Kong's path rules with its path ({@code path} normalised). */
  public RouteMatch withService(Service other, String path) {
    return new RouteMatch(route, other, UpstreamPath.join(route, other.path(), path, strippedPrefix),
        strippedPrefix, captures);
  }

  /** The same match with this upstream path. */
  public RouteMatch withUpstreamPath(String path) {
    return new RouteMatch(route, service, path, strippedPrefix, captures);
  }
}
