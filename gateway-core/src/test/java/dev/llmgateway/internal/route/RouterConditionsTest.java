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
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each condition a route can set, alone: hosts, methods, headers, SNIs, protocols and the service link. */
class RouterConditionsTest {
  private final Service svc = service("http://upstream.test");

  private boolean matches(Route route, TestRequest request) {
    RouteMatch m = router(List.of(route), svc).match(request);
    return m != null && m.route() == route;
  }

  @Test
  void exactHostsCompareCaseInsensitivelyAndIgnoreTheListenerPort() {
    Route r = route(svc, "hosts", List.of("API.Example.com", "other.test"));
    assertThat(matches(r, get("/").host("api.example.com").port(8000))).isTrue();
    assertThat(matches(r, get("/").host("API.EXAMPLE.COM").port(9000))).isTrue();
    assertThat(matches(r, get("/").host("other.test"))).isTrue();
    assertThat(matches(r, get("/").host("example.com"))).isFalse();
    assertThat(matches(r, get("/"))).isFalse();
  }

  @Test
  void wildcardHosts() {
    Route suffix = route(svc, "hosts", List.of("*.example.com"));
    assertThat(matches(suffix, get("/").host("a.example.com"))).isTrue();
    assertThat(matches(suffix, get("/").host("a.b.example.com"))).isTrue();
    assertThat(matches(suffix, get("/").host("example.com"))).isFalse();
    assertThat(matches(suffix, get("/").host("a.example.com.evil"))).isFalse();
    Route prefix = route(svc, "hosts", List.of("example.*"));
    assertThat(matches(prefix, get("/").host("example.org"))).isTrue();
    assertThat(matches(prefix, get("/").host("www.example.org"))).isFalse();
  }

  @Test
  void hostWithPortComparesTheListenerPort() {
    Route r = route(svc, "hosts", List.of("api.test:8443"));
    assertThat(matches(r, get("/").host("api.test").port(8443))).isTrue();
    assertThat(matches(r, get("/").host("api.test").port(8000))).isFalse();
    Route wildcard = route(svc, "hosts", List.of("*.api.test:8443"));
    assertThat(matches(wildcard, get("/").host("eu.api.test").port(8443))).isTrue();
    assertThat(matches(wildcard, get("/").host("eu.api.test").port(8000))).isFalse();
  }

  @Test
  void hostIndexStillHonoursPortsAndOtherConditions() {
    Route onPort = route(svc, "hosts", List.of("api.test:8443"), "paths", List.of("/v1"));
    Route anyPort = route(svc, "hosts", List.of("api.test"), "paths", List.of("/v1"));
    Router router = router(List.of(onPort, anyPort), svc);
    assertThat(router.match(get("/v1").host("api.test").port(8443)).route()).isSameAs(onPort);
    assertThat(router.match(get("/v1").host("api.test").port(8000)).route()).isSameAs(anyPort);
    assertThat(router.match(get("/v1").host("web.test").port(8000))).isNull();
  }

  @Test
  void methodsAreExact() {
    Route r = route(svc, "methods", List.of("GET", "HEAD"), "paths", List.of("/v1"));
    assertThat(matches(r, get("/v1"))).isTrue();
    assertThat(matches(r, get("/v1").method("HEAD"))).isTrue();
    assertThat(matches(r, get("/v1").method("POST"))).isFalse();
    assertThat(matches(r, get("/v1").method("get"))).isFalse();
  }

  @Test
  void headerValuesMatchIgnoringCaseAnyOfSeveral() {
    Route r = route(svc, "headers", Map.of("X-Model", List.of("Llama", "qwen")));
    assertThat(matches(r, get("/").header("x-model", "LLAMA"))).isTrue();
    assertThat(matches(r, get("/").header("X-MODEL", "Qwen"))).isTrue();
    assertThat(matches(r, get("/").header("x-model", "other", "qwen"))).isTrue();
    assertThat(matches(r, get("/").header("x-model", "llama2"))).isFalse();
    assertThat(matches(r, get("/"))).isFalse();
  }

  @Test
  void headerRegexValuesAreCaseInsensitiveAndUnanchored() {
    Route r = route(svc, "headers", Map.of("user-agent",
        List.of("~*windows|linux|os\\s+x\\s*[\\d\\._]+|solaris|bsd")));
    assertThat(matches(r, get("/").header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)"))).isTrue();
    assertThat(matches(r, get("/").header("User-Agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)")))
        .isTrue();
    assertThat(matches(r, get("/").header("User-Agent", "curl/8.5.0"))).isFalse();
  }

  @Test
  void everyHeaderNameMustMatch() {
    Route r = route(svc, "headers", Map.of("x-a", List.of("1"), "x-b", List.of("2")));
    assertThat(matches(r, get("/").header("x-a", "1").header("x-b", "2"))).isTrue();
    assertThat(matches(r, get("/").header("x-a", "1"))).isFalse();
  }

  @Test
  void unconfiguredRequestDetailsDoNotInfluenceTheMatch() {
    Route admin = route(svc, "paths", List.of("/admin-api"));
    Route vllm = route(svc, "paths", List.of("/v1/vllm"));
    Router router = router(List.of(admin, vllm), svc);
    TestRequest overriding = get("/v1/vllm/v1/models").host("127.0.0.1").port(8001)
        .header("X-Original-URL", "/admin-api/services").header("X-HTTP-Method-Override", "DELETE");
    assertThat(router.match(overriding).route()).isSameAs(vllm);
  }

  @Test
  void snisAreCheckedForHttpsRequestsOnly() {
    Route r = route(svc, "protocols", List.of("https"), "snis", List.of("api.test"), "paths", List.of("/"));
    assertThat(matches(r, get("/").scheme("https").sni("api.test"))).isTrue();
    assertThat(matches(r, get("/").scheme("https").sni("other.test"))).isFalse();
    assertThat(matches(r, get("/").scheme("https"))).isFalse();
    assertThat(matches(r, get("/").scheme("http"))).isTrue();
  }

  @Test
  void onlyHttpRoutesAreRoutedButHttpsOnlyOnesMatchPlainHttpToo() {
    Route tcp = route(svc, "protocols", List.of("tcp"), "destinations", List.of(Map.of("port", 9000L)));
    Route grpc = route(svc, "protocols", List.of("grpc"), "paths", List.of("/grpc"), "strip_path", false);
    Route httpsOnly = route(svc, "protocols", List.of("https"), "paths", List.of("/secure"));
    Router router = router(List.of(tcp, grpc, httpsOnly), svc);
    assertThat(router.match(get("/grpc/x"))).isNull();
    assertThat(router.match(get("/secure/x")).route()).isSameAs(httpsOnly);
    assertThat(router.match(get("/secure/x").scheme("https")).route()).isSameAs(httpsOnly);
  }

  @Test
  void routesWithoutAKnownServiceStillMatch() {
    Route serviceless = route(null, "paths", List.of("/none"));
    Service missing = service("http://gone.test");
    Route dangling = route(missing, "paths", List.of("/gone"));
    Router router = Router.compile(List.of(serviceless, dangling), Map.of(UUID.randomUUID(), svc));
    assertThat(router.match(get("/none")).service()).isNull();
    assertThat(router.match(get("/gone")).service()).isNull();
    assertThat(router.match(get("/gone")).route()).isSameAs(dangling);
  }

  @Test
  void matchCarriesTheRouteAndItsService() {
    Route r = route(svc, "paths", List.of("/v1"));
    RouteMatch m = router(List.of(r), svc).match(get("/v1/x"));
    assertThat(m.route()).isSameAs(r);
    assertThat(m.service()).isSameAs(svc);
    assertThat(m.captures()).isEmpty();
  }

  @Test
  void emptyRouterMatchesNothing() {
    assertThat(Router.compile(List.of(), Map.of()).match(get("/"))).isNull();
  }
}
