package dev.llmgateway.internal.route;

import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One compiled matching unit: a route with at most one of its paths (Kong splits a route with several paths so that
 * each path gets its own priority). Holds the conditions other than the path, which the index has already checked
 * for prefix paths, and the priority fields; {@link #rank} is its position in the router's priority order.
 */
final class SubRoute {
  /** Kong's traditional_compatible priority, best first; ties keep compile order. */
  static final Comparator<SubRoute> PRIORITY = Comparator
      .comparingInt((SubRoute s) -> -s.weight)
      .thenComparing(s -> !s.plainHostsOnly)
      .thenComparingInt(s -> -s.headerCount)
      .thenComparing(s -> s.regex == null)
      .thenComparing((a, b) -> a.regex != null
          ? Long.compare(b.route.regexPriority(), a.route.regexPriority())
          : Integer.compare(b.prefixLength, a.prefixLength))
      .thenComparingInt(s -> s.order);

  private static final int MAX_HEADER_COUNT = 255;

  final Route route;
  final Service service;
  /** The prefix path, or null for a regex or path-less sub-route. */
  final String prefix;
  final RegexPath regex;
  final int order;
  final boolean plainHostsOnly;
  int rank;

  private final String[] methods;
  private final HostCondition[] hosts;
  private final HeaderCondition[] headers;
  private final String[] snis;
  private final int weight;
  private final int headerCount;
  private final int prefixLength;

  SubRoute(Route route, Service service, String path, int order) {
    this.route = route;
    this.service = service;
    this.order = order;
    this.prefix = path != null && !path.startsWith("~") ? path : null;
    this.regex = path != null && path.startsWith("~") ? RegexPath.compile(path) : null;
    this.methods = route.methods().toArray(String[]::new);
    this.hosts = route.hosts().stream().map(HostCondition::parse).toArray(HostCondition[]::new);
    List<HeaderCondition> conditions = new ArrayList<>();
    route.headers().forEach((name, values) -> conditions.add(HeaderCondition.of(name, values)));
    this.headers = conditions.toArray(HeaderCondition[]::new);
    this.snis = snis(route);
    this.plainHostsOnly = hosts.length > 0 && Arrays.stream(hosts).noneMatch(HostCondition::isWildcard);
    this.headerCount = Math.min(headers.length, MAX_HEADER_COUNT);
    this.prefixLength = prefix == null ? 0 : prefix.getBytes(StandardCharsets.UTF_8).length;
    this.weight = (methods.length > 0 ? 1 : 0) + (hosts.length > 0 ? 1 : 0) + (headers.length > 0 ? 1 : 0)
        + (snis.length > 0 ? 1 : 0) + (path != null ? 1 : 0);
  }

  private static String[] snis(Route route) {
    List<String> snis = route.row().strings("snis");
    if (snis == null) {
      return new String[0];
    }
    return snis.stream().map(s -> s.length() > 1 && s.endsWith(".") ? s.substring(0, s.length() - 1) : s)
        .map(s -> s.toLowerCase(Locale.ROOT)).toArray(String[]::new);
  }

  /** The exact host names this sub-route is restricted to, or an empty array when any host may match it. */
  String[] indexableHosts() {
    if (!plainHostsOnly) {
      return new String[0];
    }
    return Arrays.stream(hosts).map(HostCondition::value).distinct().toArray(String[]::new);
  }

  /** Methods, hosts, headers and SNIs; the path is checked by the caller. */
  boolean matchesExceptPath(RouteRequest request) {
    if (methods.length > 0 && !contains(methods, request.method())) {
      return false;
    }
    if (hosts.length > 0 && !matchesHost(request)) {
      return false;
    }
    for (HeaderCondition h : headers) {
      if (!h.matches(request)) {
        return false;
      }
    }
    return snis.length == 0 || matchesSni(request);
  }

  private boolean matchesHost(RouteRequest request) {
    String host = request.host();
    int port = request.port();
    for (HostCondition h : hosts) {
      if (h.matches(host, port)) {
        return true;
      }
    }
    return false;
  }

  /** Kong checks SNIs only for requests that arrived over TLS. */
  private boolean matchesSni(RouteRequest request) {
    if (!"https".equals(request.scheme())) {
      return true;
    }
    String sni = request.sni();
    return sni != null && contains(snis, sni.toLowerCase(Locale.ROOT));
  }

  private static boolean contains(String[] values, String value) {
    for (String v : values) {
      if (v.equals(value)) {
        return true;
      }
    }
    return false;
  }

  /** Builds the match for a request this sub-route matched, the path having matched {@code matchedPrefix}. */
  RouteMatch toMatch(String path, String matchedPrefix, Map<String, String> captures) {
    String servicePath = service == null ? null : service.path();
    String upstream = UpstreamPath.join(route, servicePath, path, matchedPrefix);
    String stripped = route.stripPath() && matchedPrefix != null && matchedPrefix.length() > 1 ? matchedPrefix : null;
    return new RouteMatch(route, service, upstream, stripped, captures);
  }
}
