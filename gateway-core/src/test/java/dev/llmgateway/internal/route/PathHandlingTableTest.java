package dev.llmgateway.internal.route;

import static dev.llmgateway.internal.route.Fixtures.route;
import static dev.llmgateway.internal.route.Fixtures.router;
import static dev.llmgateway.internal.route.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * strip_path and service-path joining, end to end through validated entities, the normaliser and the router:
 * the reference's table (v0 and v1 columns), Kong's own fixture table, and the usage guide's examples.
 */
class PathHandlingTableTest {
  private static final String HOST = "localbin.test";

  /** service path, route path ("-" = hosts only), strip (true/false/any), request, v0 result, v1 result. */
  private static final String[][] REFERENCE_TABLE = {
      {"/", "/", "any", "/route/req", "/route/req", "/route/req"},
      {"/", "/route", "true", "/route", "/", "/"},
      {"/", "/route", "true", "/route/", "/", "/"},
      {"/", "/route", "true", "/routereq", "/req", "/req"},
      {"/srv", "/rou", "false", "/roureq", "/srv/roureq", "/srvroureq"},
      {"/srv", "/rou", "true", "/roureq", "/srv/req", "/srvreq"},
      {"/srv/", "/rou", "true", "/rou", "/srv", "/srv/"},
      {"/service", "/", "any", "/", "/service", "/service"},
      {"/service", "/", "any", "/route/", "/service/route/", "/serviceroute/"},
      {"/service", "/route", "true", "/route", "/service", "/service"},
      {"/service", "/route", "true", "/route/", "/service/", "/service/"},
      {"/service", "/route", "false", "/route", "/service/route", "/serviceroute"},
      {"/service", "/route/", "true", "/route/", "/service/", "/service"},
      {"/service/", "/route", "true", "/route", "/service", "/service/"},
      {"/service/", "/route", "true", "/route/req", "/service/req", "/service/req"},
      {"/service/", "/route", "false", "/route", "/service/route", "/service/route"},
      {"/service/", "-", "any", "/", "/service/", "/service/"},
      {"/service", "/route", "true", "/route%2E%2E/req", "/service/req", "/servicereq"},
  };

  /**
   * Kong's spec/fixtures/router_path_handling_tests.lua (service path, route path, strip, handling, request,
   * expected), "any"/"both" expanding to every value.
   */
  private static final String[][] KONG_FIXTURE = {
      {"/", "/", "any", "both", "/", "/"},
      {"/", "/", "any", "both", "/route", "/route"},
      {"/", "/", "any", "both", "/route/", "/route/"},
      {"/", "/", "any", "both", "/routereq", "/routereq"},
      {"/", "/", "any", "both", "/route/req", "/route/req"},
      {"/", "/route", "false", "both", "/route", "/route"},
      {"/", "/route", "false", "both", "/route/", "/route/"},
      {"/", "/route", "false", "both", "/routereq", "/routereq"},
      {"/", "/route", "true", "both", "/route", "/"},
      {"/", "/route", "true", "both", "/route/", "/"},
      {"/", "/route", "true", "both", "/routereq", "/req"},
      {"/", "/route/", "false", "both", "/route/", "/route/"},
      {"/", "/route/", "false", "both", "/route/req", "/route/req"},
      {"/", "/route/", "true", "both", "/route/", "/"},
      {"/", "/route/", "true", "both", "/route/req", "/req"},
      {"/srv", "/rou", "false", "v0", "/roureq", "/srv/roureq"},
      {"/srv", "/rou", "false", "v1", "/roureq", "/srvroureq"},
      {"/srv", "/rou", "true", "v0", "/roureq", "/srv/req"},
      {"/srv", "/rou", "true", "v1", "/roureq", "/srvreq"},
      {"/srv/", "/rou", "false", "both", "/rou", "/srv/rou"},
      {"/srv/", "/rou", "true", "v0", "/rou", "/srv"},
      {"/srv/", "/rou", "true", "v1", "/rou", "/srv/"},
      {"/service", "/", "any", "both", "/", "/service"},
      {"/service", "/", "any", "v0", "/route", "/service/route"},
      {"/service", "/", "any", "v1", "/route", "/serviceroute"},
      {"/service", "/", "any", "v0", "/route/", "/service/route/"},
      {"/service", "/", "any", "v1", "/route/", "/serviceroute/"},
      {"/service", "/", "any", "v0", "/routereq", "/service/routereq"},
      {"/service", "/", "any", "v1", "/routereq", "/serviceroutereq"},
      {"/service", "/", "any", "v0", "/route/req", "/service/route/req"},
      {"/service", "/", "any", "v1", "/route/req", "/serviceroute/req"},
      {"/service", "/route", "false", "v0", "/route", "/service/route"},
      {"/service", "/route", "false", "v1", "/route", "/serviceroute"},
      {"/service", "/route", "false", "v0", "/route/", "/service/route/"},
      {"/service", "/route", "false", "v1", "/route/", "/serviceroute/"},
      {"/service", "/route", "false", "v0", "/routereq", "/service/routereq"},
      {"/service", "/route", "false", "v1", "/routereq", "/serviceroutereq"},
      {"/service", "/route", "true", "both", "/route", "/service"},
      {"/service", "/route", "true", "both", "/route/", "/service/"},
      {"/service", "/route", "true", "v0", "/routereq", "/service/req"},
      {"/service", "/route", "true", "v1", "/routereq", "/servicereq"},
      {"/service", "/route/", "false", "v0", "/route/", "/service/route/"},
      {"/service", "/route/", "false", "v1", "/route/", "/serviceroute/"},
      {"/service", "/route/", "false", "v0", "/route/req", "/service/route/req"},
      {"/service", "/route/", "false", "v1", "/route/req", "/serviceroute/req"},
      {"/service", "/route/", "true", "v0", "/route/", "/service/"},
      {"/service", "/route/", "true", "v1", "/route/", "/service"},
      {"/service", "/route/", "true", "v0", "/route/req", "/service/req"},
      {"/service", "/route/", "true", "v1", "/route/req", "/servicereq"},
      {"/service/", "/", "any", "v0", "/route/", "/service/route/"},
      {"/service/", "/", "any", "v1", "/route/", "/service/route/"},
      {"/service/", "/", "any", "both", "/", "/service/"},
      {"/service/", "/", "any", "both", "/route", "/service/route"},
      {"/service/", "/", "any", "both", "/routereq", "/service/routereq"},
      {"/service/", "/", "any", "both", "/route/req", "/service/route/req"},
      {"/service/", "/route", "false", "both", "/route", "/service/route"},
      {"/service/", "/route", "false", "both", "/route/", "/service/route/"},
      {"/service/", "/route", "false", "both", "/routereq", "/service/routereq"},
      {"/service/", "/route", "true", "v0", "/route", "/service"},
      {"/service/", "/route", "true", "v1", "/route", "/service/"},
      {"/service/", "/route", "true", "both", "/route/", "/service/"},
      {"/service/", "/route", "true", "both", "/routereq", "/service/req"},
      {"/service/", "/route/", "false", "both", "/route/", "/service/route/"},
      {"/service/", "/route/", "false", "both", "/route/req", "/service/route/req"},
      {"/service/", "/route/", "true", "both", "/route/", "/service/"},
      {"/service/", "/route/", "true", "both", "/route/req", "/service/req"},
      {"/", "-", "any", "both", "/", "/"},
      {"/", "-", "any", "both", "/route", "/route"},
      {"/", "-", "any", "both", "/route/", "/route/"},
      {"/service", "-", "any", "both", "/", "/service"},
      {"/service", "-", "any", "v0", "/route", "/service/route"},
      {"/service", "-", "any", "v1", "/route", "/serviceroute"},
      {"/service", "-", "any", "v0", "/route/", "/service/route/"},
      {"/service", "-", "any", "v1", "/route/", "/serviceroute/"},
      {"/service/", "-", "any", "both", "/", "/service/"},
      {"/service/", "-", "any", "both", "/route", "/service/route"},
      {"/service/", "-", "any", "both", "/route/", "/service/route/"},
  };

  static Stream<Arguments> referenceTable() {
    List<Arguments> out = new ArrayList<>();
    for (String[] row : REFERENCE_TABLE) {
      for (boolean strip : strips(row[2])) {
        out.add(Arguments.of(row[0], row[1], strip, "v0", row[3], row[4]));
        out.add(Arguments.of(row[0], row[1], strip, "v1", row[3], row[5]));
      }
    }
    return out.stream();
  }

  static Stream<Arguments> kongFixture() {
    List<Arguments> out = new ArrayList<>();
    for (String[] row : KONG_FIXTURE) {
      for (boolean strip : strips(row[2])) {
        for (String handling : row[3].equals("both") ? new String[] {"v0", "v1"} : new String[] {row[3]}) {
          out.add(Arguments.of(row[0], row[1], strip, handling, row[4], row[5]));
        }
      }
    }
    return out.stream();
  }

  private static boolean[] strips(String s) {
    return s.equals("any") ? new boolean[] {false, true} : new boolean[] {Boolean.parseBoolean(s)};
  }

  @ParameterizedTest(name = "service {0}, route {1}, strip {2}, {3}: {4} -> {5}")
  @MethodSource("referenceTable")
  void referenceTableRow(String servicePath, String routePath, boolean strip, String handling, String request,
      String expected) {
    assertThat(upstreamPath(servicePath, routePath, strip, handling, request)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "service {0}, route {1}, strip {2}, {3}: {4} -> {5}")
  @MethodSource("kongFixture")
  void kongFixtureRow(String servicePath, String routePath, boolean strip, String handling, String request,
      String expected) {
    assertThat(upstreamPath(servicePath, routePath, strip, handling, request)).isEqualTo(expected);
  }

  private static String upstreamPath(String servicePath, String routePath, boolean strip, String handling,
      String rawRequest) {
    Service service = service("http://upstream.test" + servicePath);
    Route route = routePath.equals("-")
        ? route(service, "hosts", List.of(HOST), "strip_path", strip, "path_handling", handling)
        : route(service, "paths", List.of(routePath), "strip_path", strip, "path_handling", handling);
    RouteMatch match = router(List.of(route), service).match(TestRequest.get(rawRequest).host(HOST));
    assertThat(match).as("match").isNotNull();
    return match.upstreamPath();
  }

  @Test
  void serviceWithoutPathJoinsAsRoot() {
    Service service = service("http://upstream.test");
    assertThat(service.path()).isNull();
    for (String handling : List.of("v0", "v1")) {
      Router router = router(List.of(route(service, "paths", List.of("/route"), "path_handling", handling)), service);
      assertThat(router.match(TestRequest.get("/route/req")).upstreamPath()).isEqualTo("/req");
      assertThat(router.match(TestRequest.get("/route")).upstreamPath()).isEqualTo("/");
    }
  }

  @Test
  void routeWithoutServiceJoinsAsRootAndHasNoService() {
    RouteMatch match = router(List.of(route(null, "paths", List.of("/x")))).match(TestRequest.get("/x/y"));
    assertThat(match.service()).isNull();
    assertThat(match.upstreamPath()).isEqualTo("/y");
  }

  @Test
  void usageGuidePathStripping() {
    Service vllm = service("http://host.docker.internal:8080", "name", "vllm-service");
    Service sglang = service("http://host.docker.internal:30000", "name", "sglang-service");
    Service admin = service("http://127.0.0.1:8001", "name", "admin-api-service");
    Router router = router(List.of(
        route(vllm, "name", "vllm-route", "paths", List.of("/v1/vllm")),
        route(sglang, "name", "sglang-route", "paths", List.of("/v1/sglang")),
        route(admin, "name", "admin-api-route", "paths", List.of("/admin-api"))), vllm, sglang, admin);

    assertUpstream(router, "GET", "/v1/vllm/v1/models", vllm, "/v1/models", "/v1/vllm");
    assertUpstream(router, "POST", "/v1/vllm/v1/chat/completions", vllm, "/v1/chat/completions", "/v1/vllm");
    assertUpstream(router, "POST", "/v1/sglang/v1/completions", sglang, "/v1/completions", "/v1/sglang");
    assertUpstream(router, "GET", "/admin-api/services", admin, "/services", "/admin-api");
    assertUpstream(router, "GET", "/admin-api/", admin, "/", "/admin-api");
    assertUpstream(router, "GET", "/admin-api", admin, "/", "/admin-api");
  }

  private static void assertUpstream(Router router, String method, String raw, Service service, String upstream,
      String prefix) {
    RouteMatch m = router.match(TestRequest.get(raw).method(method));
    assertThat(m.service()).isSameAs(service);
    assertThat(m.upstreamPath()).isEqualTo(upstream);
    assertThat(m.strippedPrefix()).isEqualTo(prefix);
  }

  @Test
  void strippedPrefixIsNullWithoutStrippingOrForTheRootPath() {
    Service s = service("http://upstream.test");
    assertThat(router(List.of(route(s, "paths", List.of("/keep"), "strip_path", false)), s)
        .match(TestRequest.get("/keep/x")).strippedPrefix()).isNull();
    assertThat(router(List.of(route(s, "paths", List.of("/"))), s)
        .match(TestRequest.get("/x")).strippedPrefix()).isNull();
    assertThat(router(List.of(route(s, "hosts", List.of(HOST))), s)
        .match(TestRequest.get("/x").host(HOST)).strippedPrefix()).isNull();
  }

  @Test
  void regexPathStripsTheMatchedTextAndExposesCaptures() {
    Service s = service("http://upstream.test/base");
    Route r = route(s, "paths", List.of("~/models/(?<model>[a-z0-9.-]+)/(v\\d)"));
    RouteMatch m = router(List.of(r), s).match(TestRequest.get("/models/llama-3.1/v2/chat/completions"));
    assertThat(m.upstreamPath()).isEqualTo("/base/chat/completions");
    assertThat(m.strippedPrefix()).isEqualTo("/models/llama-3.1/v2");
    assertThat(m.captures()).containsEntry("model", "llama-3.1").containsEntry("1", "llama-3.1")
        .containsEntry("2", "v2").hasSize(3);
  }
}
