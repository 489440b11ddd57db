package dev.llmgateway.undertow.internal.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.undertow.embed.EmbeddedGateway;
import dev.llmgateway.undertow.internal.testing.FreePort;
import dev.llmgateway.undertow.internal.testing.StubHandlers;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kong's upstream health endpoints on a real Admin listener, over a real proxy and stub replicas. */
class HealthEndpointsTest {
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private StubUpstream live;
  private EmbeddedGateway gateway;
  private String liveTarget;
  private String deadTarget;

  @BeforeEach
  void start() throws Exception {
    live = StubUpstream.start(StubHandlers.echo());
    gateway = EmbeddedGateway.builder().proxyListener("127.0.0.1", 0).adminListener("127.0.0.1", 0).ioThreads(2)
        .start();
    liveTarget = "127.0.0.1:" + live.port();
    deadTarget = "127.0.0.1:" + FreePort.closed();
    assertThat(admin("POST", "/upstreams", "{\"name\":\"llm-pool\",\"healthchecks\":{\"passive\":"
        + "{\"unhealthy\":{\"tcp_failures\":1}}}}").statusCode()).isEqualTo(201);
    assertThat(admin("POST", "/upstreams/llm-pool/targets", "{\"target\":\"" + liveTarget + "\"}").statusCode())
        .isEqualTo(201);
    assertThat(admin("POST", "/upstreams/llm-pool/targets", "{\"target\":\"" + deadTarget + "\"}").statusCode())
        .isEqualTo(201);
    assertThat(admin("POST", "/services", "{\"name\":\"llm\",\"url\":\"http://llm-pool\"}").statusCode())
        .isEqualTo(201);
    assertThat(admin("POST", "/services/llm/routes", "{\"paths\":[\"/v1\"]}").statusCode()).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    gateway.close();
    live.close();
  }

  private HttpResponse<String> admin(String method, String path, String json) throws Exception {
    URI uri = gateway.adminUri().orElseThrow().resolve(path);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private int proxy() throws Exception {
    return client.send(HttpRequest.newBuilder(gateway.proxyUri().resolve("/v1/models")).timeout(Duration.ofSeconds(10))
        .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @SuppressWarnings("unchecked")
  private Map<String, String> health() throws Exception {
    HttpResponse<String> r = admin("GET", "/upstreams/llm-pool/health", null);
    assertThat(r.statusCode()).isEqualTo(200);
    Map<String, Object> body = Json.parseObject(r.body());
    assertThat(body).containsKey("node_id");
    Map<String, String> out = new java.util.HashMap<>();
    for (Object o : (List<Object>) body.get("data")) {
      Map<String, Object> t = (Map<String, Object>) o;
      out.put((String) t.get("target"), (String) t.get("health"));
      Map<String, Object> data = (Map<String, Object>) t.get("data");
      Map<String, Object> address = (Map<String, Object>) ((List<Object>) data.get("addresses")).get(0);
      assertThat(address.get("health")).isEqualTo(t.get("health"));
    }
    return out;
  }

  @Test
  void healthShowsWhatThePassiveChecksSawAndSurvivesUnrelatedChanges() throws Exception {
    assertThat(health()).containsEntry(liveTarget, "HEALTHY").containsEntry(deadTarget, "HEALTHY");
    for (int i = 0; i < 4; i++) {
      assertThat(proxy()).isEqualTo(200);
    }
    assertThat(health()).containsEntry(liveTarget, "HEALTHY").containsEntry(deadTarget, "UNHEALTHY");
    assertThat(admin("POST", "/consumers", "{\"username\":\"alice\"}").statusCode()).isEqualTo(201);
    assertThat(admin("PATCH", "/services/llm", "{\"read_timeout\":120000}").statusCode()).isEqualTo(200);
    assertThat(health()).containsEntry(deadTarget, "UNHEALTHY");
  }

  @Test
  @SuppressWarnings("unchecked")
  void balancerHealthAndTargetsAllHaveKongsShapes() throws Exception {
    Map<String, Object> body = Json.parseObject(admin("GET", "/upstreams/llm-pool/health?balancer_health=1", null)
        .body());
    Map<String, Object> data = (Map<String, Object>) body.get("data");
    assertThat(data).containsEntry("health", "HEALTHY").containsKey("id");
    Map<String, Object> all = Json.parseObject(admin("GET", "/upstreams/llm-pool/targets/all", null).body());
    assertThat((List<Object>) all.get("data")).hasSize(2);
    admin("PUT", "/upstreams/llm-pool/targets/" + liveTarget + "/unhealthy", null);
    admin("PUT", "/upstreams/llm-pool/targets/" + deadTarget + "/unhealthy", null);
    data = (Map<String, Object>) Json.parseObject(admin("GET", "/upstreams/llm-pool/health?balancer_health=1", null)
        .body()).get("data");
    assertThat(data).containsEntry("health", "UNHEALTHY");
  }

  @Test
  void targetsAreMarkedByHandAnd204IsTheAnswer() throws Exception {
    assertThat(admin("PUT", "/upstreams/llm-pool/targets/" + liveTarget + "/unhealthy", null).statusCode())
        .isEqualTo(204);
    assertThat(health()).containsEntry(liveTarget, "UNHEALTHY");
    assertThat(admin("POST", "/upstreams/llm-pool/targets/" + liveTarget + "/healthy", null).statusCode())
        .isEqualTo(204);
    assertThat(health()).containsEntry(liveTarget, "HEALTHY");
    assertThat(admin("POST", "/upstreams/llm-pool/targets/" + deadTarget + "/" + deadTarget + "/unhealthy", null)
        .statusCode()).isEqualTo(204);
    assertThat(health()).containsEntry(deadTarget, "UNHEALTHY");
    // Only the live replica is left: every request reaches it.
    for (int i = 0; i < 3; i++) {
      assertThat(proxy()).isEqualTo(200);
    }
    assertThat(live.requests()).hasSize(3);
  }

  @Test
  void unknownUpstreamOrTargetIs404() throws Exception {
    HttpResponse<String> r = admin("PUT", "/upstreams/nope/targets/" + liveTarget + "/healthy", null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(Json.parseObject(r.body())).containsEntry("message", "Not found");
    assertThat(admin("PUT", "/upstreams/llm-pool/targets/10.9.9.9:1/healthy", null).statusCode()).isEqualTo(404);
    assertThat(admin("GET", "/upstreams/nope/health", null).statusCode()).isEqualTo(404);
    assertThat(admin("DELETE", "/upstreams/llm-pool/health", null).statusCode()).isEqualTo(405);
  }
}
