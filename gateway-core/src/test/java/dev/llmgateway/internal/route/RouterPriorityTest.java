package dev.llmgateway.internal.route;

import static dev.llmgateway.internal.route.Fixtures.route;
import static dev.llmgateway.internal.route.Fixtures.router;
import static dev.llmgateway.internal.route.Fixtures.service;
import static dev.llmgateway.internal.route.TestRequest.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which route wins when several match: Kong's traditional_compatible priority order. */
class RouterPriorityTest {
  private final Service svc = service("http://upstream.test");

  private Route matched(List<Route> routes, TestRequest request) {
    RouteMatch m = router(routes, svc).match(request);
    return m == null ? null : m.route();
  }

  @Test
  void longestPrefixWins() {
    Route shortest = route(svc, "paths", List.of("/v1"));
    Route longer = route(svc, "paths", List.of("/v1/vllm"));
    Route root = route(svc, "paths", List.of("/"));
    List<Route> routes = List.of(shortest, root, longer);
    assertThat(matched(routes, get("/v1/vllm/v1/models"))).isSameAs(longer);
    assertThat(matched(routes, get("/v1/sglang/x"))).isSameAs(shortest);
    assertThat(matched(routes, get("/v2"))).isSameAs(root);
  }

  @Test
  void prefixesAreNotSegmentAware() {
    Route foo = route(svc, "paths", List.of("/foo"));
    assertThat(matched(List.of(foo), get("/foobar"))).isSameAs(foo);
    assertThat(matched(List.of(foo), get("/fo"))).isNull();
  }

  @Test
  void regexBeatsEvenALongerPrefix() {
    Route prefix = route(svc, "paths", List.of("/v1/models/very/long/prefix"));
    Route regex = route(svc, "paths", List.of("~/v1/[a-z]+"));
    assertThat(matched(List.of(prefix, regex), get("/v1/models/very/long/prefix/x"))).isSameAs(regex);
    assertThat(matched(List.of(prefix, regex), get("/v1/42"))).isNull();
  }

  @Test
  void regexIsAnchoredAtTheStartOnly() {
    Route regex = route(svc, "paths", List.of("~/items/\\d+"));
    assertThat(matched(List.of(regex), get("/items/12/rest"))).isSameAs(regex);
    assertThat(matched(List.of(regex), get("/x/items/12"))).isNull();
  }

  @Test
  void higherRegexPriorityWinsAndTiesKeepCompileOrder() {
    Route low = route(svc, "paths", List.of("~/v1/.*"), "regex_priority", 1);
    Route high = route(svc, "paths", List.of("~/v1/chat"), "regex_priority", 10);
    Route negative = route(svc, "paths", List.of("~/v1/chat/completions"), "regex_priority", -5);
    assertThat(matched(List.of(low, negative, high), get("/v1/chat/completions"))).isSameAs(high);
    assertThat(matched(List.of(low, negative), get("/v1/chat/completions"))).isSameAs(low);

    Route first = route(svc, "paths", List.of("~/same"));
    Route second = route(svc, "paths", List.of("~/sam"));
    assertThat(matched(List.of(first, second), get("/same"))).isSameAs(first);
    assertThat(matched(List.of(second, first), get("/same"))).isSameAs(second);
  }

  @Test
  void regexPrioritiesBeyond32BitsOrderToo() {
    Route big = route(svc, "paths", List.of("~/v1/.*"), "regex_priority", 3_000_000_000L);
    Route bigger = route(svc, "paths", List.of("~/v1/chat"), "regex_priority", 3_000_000_001L);
    Route lowest = route(svc, "paths", List.of("~/v1/chat/completions"), "regex_priority", -3_000_000_000L);
    assertThat(matched(List.of(big, lowest, bigger), get("/v1/chat/completions"))).isSameAs(bigger);
    assertThat(matched(List.of(lowest, big), get("/v1/chat/completions"))).isSameAs(big);
  }

  @Test
  void equalPrefixesKeepCompileOrder() {
    Route a = route(svc, "paths", List.of("/dup"));
    Route b = route(svc, "paths", List.of("/dup"));
    assertThat(matched(List.of(a, b), get("/dup/x"))).isSameAs(a);
    assertThat(matched(List.of(b, a), get("/dup/x"))).isSameAs(b);
  }

  @Test
  void moreFieldKindsBeatPathOnlyWhateverItsLength() {
    Route pathOnly = route(svc, "paths", List.of("/v1/vllm/v1/chat"));
    Route hostAndMethod = route(svc, "hosts", List.of("api.test"), "methods", List.of("POST"));
    Route hostAndPath = route(svc, "hosts", List.of("api.test"), "paths", List.of("/v1"));
    List<Route> routes = List.of(pathOnly, hostAndMethod, hostAndPath);
    // hostAndMethod and hostAndPath both have two field kinds; the one with a path is the longer prefix (1 > 0)
    assertThat(matched(routes, get("/v1/vllm/v1/chat").method("POST").host("api.test"))).isSameAs(hostAndPath);
    assertThat(matched(routes, get("/v2").method("POST").host("api.test"))).isSameAs(hostAndMethod);
    assertThat(matched(routes, get("/v1/vllm/v1/chat").method("GET").host("other.test"))).isSameAs(pathOnly);
    Route all = route(svc, "hosts", List.of("api.test"), "methods", List.of("POST"), "paths", List.of("/"));
    assertThat(matched(List.of(hostAndPath, all), get("/v1/x").method("POST").host("api.test"))).isSameAs(all);
  }

  @Test
  void plainHostsBeatWildcardHostsAndHostlessRoutes() {
    Route wildcard = route(svc, "hosts", List.of("*.example.com"), "paths", List.of("/v1/long/prefix"));
    Route plain = route(svc, "hosts", List.of("api.example.com"), "paths", List.of("/v1"));
    Route mixed = route(svc, "hosts", List.of("api.example.com", "*.other.com"), "paths", List.of("/v1/long"));
    assertThat(matched(List.of(wildcard, plain), get("/v1/long/prefix").host("api.example.com"))).isSameAs(plain);
    assertThat(matched(List.of(wildcard, plain), get("/v1/long/prefix").host("www.example.com")))
        .isSameAs(wildcard);
    assertThat(matched(List.of(mixed, plain), get("/v1/long/prefix").host("api.example.com"))).isSameAs(plain);

    Route hostOnly = route(svc, "hosts", List.of("api.example.com"));
    Route methodOnly = route(svc, "methods", List.of("GET"));
    assertThat(matched(List.of(methodOnly, hostOnly), get("/").host("api.example.com"))).isSameAs(hostOnly);
  }

  @Test
  void moreHeaderNamesWin() {
    Route one = route(svc, "headers", Map.of("x-tenant", List.of("a")), "paths", List.of("/v1/long"));
    Route two = route(svc, "headers", Map.of("x-tenant", List.of("a"), "x-tier", List.of("gold")),
        "paths", List.of("/v1"));
    TestRequest both = get("/v1/long").header("X-Tenant", "a").header("X-Tier", "gold");
    assertThat(matched(List.of(one, two), both)).isSameAs(two);
    assertThat(matched(List.of(one, two), get("/v1/long").header("X-Tenant", "a"))).isSameAs(one);
  }

  @Test
  void aRouteWithSeveralPathsRanksEachPathOnItsOwn() {
    Route a = route(svc, "paths", List.of("/a", "/a/b/c"));
    Route b = route(svc, "paths", List.of("/a/b"));
    List<Route> routes = List.of(a, b);
    assertThat(matched(routes, get("/a/b/c/d"))).isSameAs(a);
    assertThat(matched(routes, get("/a/b/x"))).isSameAs(b);
    assertThat(matched(routes, get("/a/x"))).isSameAs(a);
    RouteMatch m = router(routes, svc).match(get("/a/b/c/d"));
    assertThat(m.upstreamPath()).isEqualTo("/d");
    assertThat(m.strippedPrefix()).isEqualTo("/a/b/c");
  }

  @Test
  void aRouteMixingRegexAndPrefixPathsRanksTheRegexAsRegex() {
    Route mixed = route(svc, "paths", List.of("/p", "~/r/\\d+"));
    Route prefix = route(svc, "paths", List.of("/r/1"));
    assertThat(matched(List.of(prefix, mixed), get("/r/12"))).isSameAs(mixed);
    assertThat(matched(List.of(prefix, mixed), get("/r/x"))).isNull();
    assertThat(matched(List.of(prefix, mixed), get("/p/x"))).isSameAs(mixed);
  }
}
