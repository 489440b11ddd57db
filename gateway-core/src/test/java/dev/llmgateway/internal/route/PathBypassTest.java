package dev.llmgateway.internal.route;

import static dev.llmgateway.internal.route.Fixtures.route;
import static dev.llmgateway.internal.route.Fixtures.router;
import static dev.llmgateway.internal.route.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import dev.llmgateway.schema.SchemaViolation;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The path forms of the "No way around the key" list, against the default stack's routes: each one is either routed
 * to the admin route (where its key check applies), or to an LLM route, or to nothing; never elsewhere, and the
 * upstream path is built from the same normalised string the match used.
 */
class PathBypassTest {
  private static final Service VLLM = service("http://host.docker.internal:8080", "name", "vllm-service");
  private static final Service ADMIN = service("http://127.0.0.1:8001", "name", "admin-api-service");
  private static final Route VLLM_ROUTE = route(VLLM, "name", "vllm-route", "paths", List.of("/v1/vllm"));
  private static final Route ADMIN_ROUTE = route(ADMIN, "name", "admin-api-route", "paths", List.of("/admin-api"));
  private static final Router ROUTER = router(List.of(VLLM_ROUTE, ADMIN_ROUTE), VLLM, ADMIN);

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(delimiter = ' ', value = {
      "/v1/vllm/../../admin-api/services admin /services",
      "//admin-api/services admin /services",
      "/admin-api%2Fservices admin /%2Fservices",
      "/admin-api%2fservices admin /%2Fservices",
      "/%61dmin-api/services admin /services",
      "/%61%64%6D%69%6E-api/services admin /services",
      "/admin-api/./services admin /services",
      "/admin-api;x/services admin /;x/services",
      "/v1/vllm/%2e%2e/%2e%2e/admin-api/services admin /services",
      "/v1/vllm/%2E%2E/../admin-api/services admin /services",
      "/v1/vllm/..;/admin-api/services vllm /..;/admin-api/services",
      "/v1/vllm/..%2fadmin-api/services vllm /..%2Fadmin-api/services",
      "/v1/vllm/..%2F..%2Fadmin-api/services vllm /..%2F..%2Fadmin-api/services",
      "/v1/vllm%2F..%2F..%2Fadmin-api/services vllm /%2F..%2F..%2Fadmin-api/services",
      "/v1/vllm/v1/%2e%2e/models vllm /models",
      "/v1/vllm/../admin-api/services none -",
      "/ADMIN-API/services none -",
      "/Admin-Api/services none -",
      "/v1/vllm/%2e%2e/admin-api/services none -",
      "/%2Fadmin-api/services none -",
  })
  void pathFormsReachOnlyWhatTheirNormalisedPathMatches(String raw, String target, String upstream) {
    String path = PathNormalizer.normalize(raw);
    assertThat(path).isNotNull();
    RouteMatch m = ROUTER.match(TestRequest.get(raw));
    switch (target) {
      case "admin" -> assertThat(m.route()).isSameAs(ADMIN_ROUTE);
      case "vllm" -> assertThat(m.route()).isSameAs(VLLM_ROUTE);
      default -> assertThat(m).isNull();
    }
    if (m != null) {
      assertThat(m.upstreamPath()).isEqualTo(upstream);
      assertThat(path).startsWith(m.strippedPrefix()).endsWith(m.upstreamPath().substring(1));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/vllm/../../../admin-api/services", "/..", "/../admin-api/services",
      "/v1/%2e%2e/%2e%2e/admin-api", "/admin-api/%zz", "/admin-api/%4", "admin-api/services"})
  void pathsThatEscapeTheRootOrAreMalformedAreRejectedBeforeRouting(String raw) {
    assertThat(PathNormalizer.normalize(raw)).isNull();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = ' ', value = {
      "/a/./b /a/b",
      "/%7Eme /~me",
      "/a/%2e%2e/b /b",
      "/x/%2f /x/%2F",
      "/v1/ /v1/",
  })
  void routePrefixPathsMustAlreadyBeNormalised(String path, String suggestion) {
    if (path.equals(suggestion)) {
      assertThat(route(null, "paths", List.of(path)).paths()).containsExactly(path);
      return;
    }
    assertThatThrownBy(() -> route(null, "paths", List.of(path)))
        .isInstanceOf(SchemaViolation.class)
        .hasMessageContaining("non-normalized path, consider use '" + suggestion + "' instead");
  }
}
