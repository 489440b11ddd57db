package dev.llmgateway.undertow.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.StubHandlers;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The usage guide's path table: the route prefix is stripped and the rest forwarded, query byte for byte. */
class PathStrippingTest {
  static StubUpstream vllm;
  static StubUpstream sglang;
  static StubUpstream admin;
  static GatewayHarness gateway;
  static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeAll
  static void start() {
    vllm = StubUpstream.start(StubHandlers.echo());
    sglang = StubUpstream.start(StubHandlers.echo());
    admin = StubUpstream.start(StubHandlers.echo());
    TestConfig config = TestConfig.with();
    UUID v = config.service("vllm-service", vllm.url());
    UUID s = config.service("sglang-service", sglang.url());
    UUID a = config.service("admin-api-service", admin.url());
    config.route(v, Map.of("name", "vllm-route", "paths", java.util.List.of("/v1/vllm"), "strip_path", true));
    config.route(s, Map.of("name", "sglang-route", "paths", java.util.List.of("/v1/sglang"), "strip_path", true));
    config.route(a, Map.of("name", "admin-api-route", "paths", java.util.List.of("/admin-api"), "strip_path", true));
    gateway = GatewayHarness.start(config.snapshot());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    vllm.close();
    sglang.close();
    admin.close();
  }

  @ParameterizedTest(name = "{0} {1} -> {3} {2}")
  @CsvSource({
      "GET, /v1/vllm/v1/models, /v1/models, vllm",
      "POST, /v1/vllm/v1/chat/completions, /v1/chat/completions, vllm",
      "POST, /v1/sglang/v1/completions, /v1/completions, sglang",
      "GET, /admin-api/services, /services, admin",
  })
  void forwardsWithoutThePrefix(String method, String path, String forwarded, String backend) throws Exception {
    HttpRequest.BodyPublisher body = method.equals("POST")
        ? HttpRequest.BodyPublishers.ofString("{\"model\":\"m\"}") : HttpRequest.BodyPublishers.noBody();
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(gateway.uri(path + "?apikey=k%20y&x=1&x=2"))
        .method(method, body).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(200);
    Map<String, Object> seen = Json.parseObject(r.body());
    assertThat(seen).containsEntry("method", method).containsEntry("path", forwarded)
        .containsEntry("query", "apikey=k%20y&x=1&x=2");
    StubUpstream expected = switch (backend) {
      case "vllm" -> vllm;
      case "sglang" -> sglang;
      default -> admin;
    };
    assertThat(expected.requests()).anyMatch(req -> req.target().equals(forwarded + "?apikey=k%20y&x=1&x=2"));
  }
}
