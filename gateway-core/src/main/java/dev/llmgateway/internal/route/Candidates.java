package dev.llmgateway.internal.route;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sub-routes that share one place in the index (one prefix path, or the regex and path-less rest), in priority
 * order, with those restricted to plain host names also filed by host so that many host-routed sub-routes do not
 * have to be tried one by one.
 */
final class Candidates {
  private static final SubRoute[] NONE = new SubRoute[0];

  private final SubRoute[] anyHost;
  private final Map<String, SubRoute[]> byHost;

  private Candidates(SubRoute[] anyHost, Map<String, SubRoute[]> byHost) {
    this.anyHost = anyHost;
    this.byHost = byHost;
  }

  /** Files sub-routes given in rank order. */
  static Candidates of(List<SubRoute> inRankOrder) {
    List<SubRoute> any = new ArrayList<>();
    Map<String, List<SubRoute>> hosts = new HashMap<>();
    for (SubRoute s : inRankOrder) {
      String[] names = s.indexableHosts();
      if (names.length == 0) {
        any.add(s);
      }
      for (String name : names) {
        hosts.computeIfAbsent(name, k -> new ArrayList<>()).add(s);
      }
    }
    Map<String, SubRoute[]> byHost = new HashMap<>();
    hosts.forEach((name, list) -> byHost.put(name, list.toArray(NONE)));
    return new Candidates(any.toArray(NONE), byHost.isEmpty() ? Map.of() : byHost);
  }

  /**
   * The best-ranked sub-route here that matches the request and ranks better than {@code rankLimit}, or null.
   * Prefix paths are not checked (the index already did); regex paths are.
   */
  SubRoute best(RouteRequest request, String path, int rankLimit) {
    SubRoute[] a = anyHost;
    SubRoute[] b = byHost.isEmpty() ? NONE : byHost.getOrDefault(request.host(), NONE);
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      SubRoute next = j >= b.length || (i < a.length && a[i].rank < b[j].rank) ? a[i++] : b[j++];
      if (next.rank >= rankLimit) {
        return null;
      }
      if (next.matchesExceptPath(request) && (next.regex == null || next.regex.match(path) != null)) {
        return next;
      }
    }
    return null;
  }
}
