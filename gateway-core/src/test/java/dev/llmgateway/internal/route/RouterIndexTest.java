package dev.llmgateway.internal.route;

import static dev.llmgateway.internal.route.Fixtures.route;
import static dev.llmgateway.internal.route.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The index (radix tree, host filing, rank cut-off) must pick exactly what trying every route in priority order
 * would pick; checked on random route tables against that brute force, and on a 10,000-route table.
 */
class RouterIndexTest {
  private static final String[] SEGMENTS = {"/v1", "/v2", "/a", "/ab", "/b", "/chat", "/x1", "/"};
  private static final String[] HOSTS = {"a.test", "b.test", "*.test", "a.*", "a.test:8443"};
  private static final String[] METHODS = {"GET", "POST"};

  private final Service svc = service("http://upstream.test");

  @Test
  void indexPicksWhatABruteForceScanInPriorityOrderPicks() {
    Random random = new Random(42);
    for (int table = 0; table < 60; table++) {
      List<Route> routes = new ArrayList<>();
      int size = 1 + random.nextInt(25);
      for (int i = 0; i < size; i++) {
        routes.add(randomRoute(random));
      }
      Router router = Fixtures.router(routes, svc);
      List<SubRoute> bruteForce = subRoutes(routes);
      for (int q = 0; q < 60; q++) {
        TestRequest request = randomRequest(random);
        RouteMatch indexed = router.match(request);
        SubRoute expected = bruteForce.stream().filter(s -> fullyMatches(s, request)).findFirst().orElse(null);
        if (expected == null) {
          assertThat(indexed).as("%s in %s", request, routes).isNull();
        } else {
          assertThat(indexed).as("%s", request).isNotNull();
          assertThat(indexed.route()).as("%s", request).isSameAs(expected.route);
        }
      }
    }
  }

  private List<SubRoute> subRoutes(List<Route> routes) {
    List<SubRoute> all = new ArrayList<>();
    for (Route r : routes) {
      if (r.paths().isEmpty()) {
        all.add(new SubRoute(r, svc, null, all.size()));
      }
      for (String p : r.paths()) {
        all.add(new SubRoute(r, svc, p, all.size()));
      }
    }
    all.sort(SubRoute.PRIORITY);
    return all;
  }

  private static boolean fullyMatches(SubRoute s, TestRequest request) {
    boolean path = s.prefix != null ? request.path().startsWith(s.prefix)
        : s.regex == null || s.regex.match(request.path()) != null;
    return path && s.matchesExceptPath(request);
  }

  private Route randomRoute(Random random) {
    List<Object> fields = new ArrayList<>();
    if (random.nextInt(3) > 0) {
      List<String> paths = new ArrayList<>();
      for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
        paths.add(random.nextInt(6) == 0 ? "~/v[12]/(?<rest>a|chat)" : randomPath(random));
      }
      fields.addAll(List.of("paths", paths));
    }
    if (random.nextBoolean()) {
      fields.addAll(List.of("hosts", List.of(HOSTS[random.nextInt(HOSTS.length)])));
    }
    if (random.nextInt(3) == 0) {
      fields.addAll(List.of("methods", List.of(METHODS[random.nextInt(METHODS.length)])));
    }
    if (random.nextInt(4) == 0) {
      fields.addAll(List.of("headers", Map.of("x-t", List.of(random.nextBoolean() ? "1" : "~*^[23]$"))));
    }
    if (fields.isEmpty()) {
      fields.addAll(List.of("methods", List.of("GET")));
    }
    if (random.nextInt(4) == 0) {
      fields.addAll(List.of("regex_priority", (long) random.nextInt(3)));
    }
    return route(svc, fields.toArray());
  }

  private static String randomPath(Random random) {
    StringBuilder p = new StringBuilder();
    for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
      String seg = SEGMENTS[random.nextInt(SEGMENTS.length)];
      if (!seg.equals("/")) {
        p.append(seg);
      }
    }
    return p.length() == 0 ? "/" : p.toString();
  }

  private static TestRequest randomRequest(Random random) {
    TestRequest r = TestRequest.get(randomPath(random) + (random.nextBoolean() ? "/x" : ""))
        .method(METHODS[random.nextInt(METHODS.length)])
        .host(new String[] {"a.test", "b.test", "c.test", "a.org", ""}[random.nextInt(5)])
        .port(random.nextBoolean() ? 8443 : 8000);
    if (random.nextBoolean()) {
      r.header("x-t", String.valueOf(1 + random.nextInt(3)));
    }
    return r;
  }

  @Test
  void tenThousandPrefixRoutesEachFindTheirOwn() {
    Map<UUID, Service> services = new HashMap<>();
    List<Route> routes = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      Service s = service("http://svc-" + i + ".test/base");
      services.put(s.id(), s);
      routes.add(route(s, "paths", List.of("/v1/svc-" + i)));
    }
    Router router = Router.compile(routes, services);
    for (int i = 0; i < 10_000; i += 7) {
      RouteMatch m = router.match(TestRequest.get("/v1/svc-" + i + "/chat/completions"));
      assertThat(m.route()).isSameAs(routes.get(i));
      assertThat(m.upstreamPath()).isEqualTo("/base/chat/completions");
    }
    // "/v1/svc-12x" is matched by "/v1/svc-1" and "/v1/svc-12" (plain prefixes): the longer one wins
    assertThat(router.match(TestRequest.get("/v1/svc-12x")).route()).isSameAs(routes.get(12));
    assertThat(router.match(TestRequest.get("/v1/svc-"))).isNull();
    assertThat(routes.stream().map(Route::id).sorted(Comparator.naturalOrder()).distinct()).hasSize(10_000);
  }
}
