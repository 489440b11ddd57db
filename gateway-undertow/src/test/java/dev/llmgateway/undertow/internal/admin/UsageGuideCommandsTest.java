package dev.llmgateway.undertow.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.llmgateway.internal.json.Json;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every Admin API {@code curl} command of the usage guide, verbatim (only the host differs: the guide reaches the
 * Admin API through {@code localhost:8000/admin-api}, these tests reach the admin listener directly, where the
 * {@code apikey} query parameter and header are simply ignored). The configuration starts as the guide's stack.
 */
class UsageGuideCommandsTest {
  static final String STACK = """
      _format_version: "3.0"
      services:
      - name: vllm-service
        url: http://host.docker.internal:8080
        read_timeout: 120000
        write_timeout: 120000
        routes:
        - name: vllm-route
          paths: [/v1/vllm]
      - name: sglang-service
        url: http://host.docker.internal:30000
        read_timeout: 120000
        write_timeout: 120000
        routes:
        - name: sglang-route
          paths: [/v1/sglang]
      - name: admin-api-service
        url: http://127.0.0.1:8001
        routes:
        - name: admin-api-route
          paths: [/admin-api]
        plugins:
        - name: key-auth
      consumers:
      - username: admin
        keyauth_credentials:
        - key: YOUR_KEY
      """;

  private AdminListener admin;

  @BeforeEach
  void seed() throws Exception {
    admin = AdminListener.start();
    assertThat(admin.send("POST", "/config", "application/yaml", STACK).statusCode()).isEqualTo(201);
  }

  @AfterEach
  void stop() throws Exception {
    admin.close();
  }

  private HttpResponse<String> curl(String command) {
    return Curl.run(admin, command);
  }

  private static Map<String, Object> body(HttpResponse<String> response) {
    return Json.parseObject(response.body());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> data(HttpResponse<String> response) {
    return (List<Map<String, Object>>) body(response).get("data");
  }

  private Map<String, Object> service(String name) {
    return body(admin.get("/services/" + name));
  }

  @Test
  void passingTheApiKeyAsQueryParameterOrHeader() {
    HttpResponse<String> query = curl("curl \"http://localhost:8000/admin-api/services?apikey=YOUR_KEY\"");
    HttpResponse<String> header = curl("""
        curl http://localhost:8000/admin-api/services \\
          -H "apikey: YOUR_KEY"
        """);
    assertThat(query.statusCode()).isEqualTo(200);
    assertThat(header.statusCode()).isEqualTo(200);
    assertThat(data(query)).extracting(s -> s.get("name"))
        .containsExactlyInAnyOrder("vllm-service", "sglang-service", "admin-api-service");
    assertThat(header.body()).isEqualTo(query.body());
  }

  @Test
  void viewAllServicesRoutesPluginsAndOneService() {
    assertThat(data(curl("curl -s \"http://localhost:8000/admin-api/services?apikey=YOUR_KEY\" | python3 -m json.tool")))
        .hasSize(3);
    assertThat(data(curl("curl -s \"http://localhost:8000/admin-api/routes?apikey=YOUR_KEY\" | python3 -m json.tool")))
        .extracting(r -> r.get("paths")).containsExactlyInAnyOrder(List.of("/v1/vllm"), List.of("/v1/sglang"),
            List.of("/admin-api"));
    assertThat(data(curl("curl -s \"http://localhost:8000/admin-api/plugins?apikey=YOUR_KEY\" | python3 -m json.tool")))
        .singleElement().satisfies(p -> assertThat(p.get("name")).isEqualTo("key-auth"));
    HttpResponse<String> one = curl(
        "curl -s \"http://localhost:8000/admin-api/services/vllm-service?apikey=YOUR_KEY\" | python3 -m json.tool");
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(body(one)).containsEntry("name", "vllm-service").containsEntry("host", "host.docker.internal")
        .containsEntry("port", 8080L);
  }

  @Test
  void changingTimeouts() {
    HttpResponse<String> vllm = curl("""
        curl -X PATCH "http://localhost:8000/admin-api/services/vllm-service" \\
          -H "apikey: YOUR_KEY" \\
          -d "read_timeout=300000" \\
          -d "write_timeout=300000"
        """);
    HttpResponse<String> sglang = curl("""
        curl -X PATCH "http://localhost:8000/admin-api/services/sglang-service" \\
          -H "apikey: YOUR_KEY" \\
          -d "read_timeout=300000" \\
          -d "write_timeout=300000"
        """);
    assertThat(vllm.statusCode()).isEqualTo(200);
    assertThat(sglang.statusCode()).isEqualTo(200);
    assertThat(body(vllm)).containsEntry("read_timeout", 300000L).containsEntry("write_timeout", 300000L)
        .containsEntry("connect_timeout", 60000L);
    assertThat(service("sglang-service")).containsEntry("read_timeout", 300000L)
        .containsEntry("write_timeout", 300000L);
  }

  @Test
  void changingABackendUrlTakesEffectWithoutRestart() {
    long generation = admin.writer.live().current().generation();
    HttpResponse<String> response = curl("""
        curl -X PATCH "http://localhost:8000/admin-api/services/vllm-service" \\
          -H "apikey: YOUR_KEY" \\
          -d "url=http://new-host:8080"
        """);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body(response)).containsEntry("host", "new-host").containsEntry("port", 8080L)
        .containsEntry("protocol", "http").containsEntry("path", null).doesNotContainKey("url");
    assertThat(admin.writer.live().current().generation()).isEqualTo(generation + 1);
    assertThat(admin.writer.live().current().configuration().rows(dev.llmgateway.entity.Service.TYPE))
        .anySatisfy(row -> assertThat(row.string("host")).isEqualTo("new-host"));
  }

  @Test
  void addingANewLlmBackend() {
    HttpResponse<String> service = curl("""
        curl -X POST "http://localhost:8000/admin-api/services" \\
          -H "apikey: YOUR_KEY" \\
          -d "name=ollama-service" \\
          -d "url=http://host.docker.internal:11434" \\
          -d "read_timeout=120000" \\
          -d "write_timeout=120000"
        """);
    assertThat(service.statusCode()).isEqualTo(201);
    assertThat(body(service)).containsEntry("name", "ollama-service").containsEntry("port", 11434L)
        .containsEntry("read_timeout", 120000L);
    HttpResponse<String> route = curl("""
        curl -X POST "http://localhost:8000/admin-api/services/ollama-service/routes" \\
          -H "apikey: YOUR_KEY" \\
          -d "name=ollama-route" \\
          -d "paths[]=/v1/ollama" \\
          -d "strip_path=true"
        """);
    assertThat(route.statusCode()).isEqualTo(201);
    assertThat(body(route)).containsEntry("name", "ollama-route").containsEntry("paths", List.of("/v1/ollama"))
        .containsEntry("strip_path", true).containsEntry("service", Map.of("id", body(service).get("id")));
  }

  @Test
  void addingRateLimitingToAService() {
    HttpResponse<String> response = curl("""
        curl -X POST "http://localhost:8000/admin-api/services/vllm-service/plugins" \\
          -H "apikey: YOUR_KEY" \\
          -d "name=rate-limiting" \\
          -d "config.minute=60" \\
          -d "config.policy=local"
        """);
    assertThat(response.statusCode()).isEqualTo(201);
    Map<String, Object> plugin = body(response);
    assertThat(plugin).containsEntry("name", "rate-limiting")
        .containsEntry("service", Map.of("id", service("vllm-service").get("id")))
        .containsEntry("route", null).containsEntry("consumer", null).containsEntry("enabled", true);
    assertThat(plugin.get("config")).asInstanceOf(MAP).containsEntry("minute", 60L)
        .containsEntry("policy", "local").containsEntry("hour", null);
  }

  @Test
  void removingAServiceRouteFirst() {
    addingANewLlmBackend();
    HttpResponse<String> route = curl("""
        curl -X DELETE "http://localhost:8000/admin-api/routes/ollama-route" \\
          -H "apikey: YOUR_KEY"
        """);
    HttpResponse<String> service = curl("""
        curl -X DELETE "http://localhost:8000/admin-api/services/ollama-service" \\
          -H "apikey: YOUR_KEY"
        """);
    assertThat(route.statusCode()).isEqualTo(204);
    assertThat(route.body()).isEmpty();
    assertThat(service.statusCode()).isEqualTo(204);
    assertThat(admin.get("/services/ollama-service").statusCode()).isEqualTo(404);
    assertThat(admin.get("/routes/ollama-route").statusCode()).isEqualTo(404);
  }

  @Test
  void addingRequestAuthenticationToLlmRoutes() {
    HttpResponse<String> plugin = curl("""
        curl -X POST "http://localhost:8000/admin-api/services/vllm-service/plugins" \\
          -H "apikey: YOUR_KEY" \\
          -d "name=key-auth"
        """);
    HttpResponse<String> consumer = curl("""
        curl -X POST "http://localhost:8000/admin-api/consumers" \\
          -H "apikey: YOUR_KEY" \\
          -d "username=my-app"
        """);
    HttpResponse<String> key = curl("""
        curl -X POST "http://localhost:8000/admin-api/consumers/my-app/key-auth" \\
          -H "apikey: YOUR_KEY" \\
          -d "key=my-app-secret-key"
        """);
    assertThat(plugin.statusCode()).isEqualTo(201);
    assertThat(body(plugin).get("config")).asInstanceOf(MAP).containsEntry("key_names", List.of("apikey"));
    assertThat(consumer.statusCode()).isEqualTo(201);
    assertThat(key.statusCode()).isEqualTo(201);
    assertThat(body(key)).containsEntry("key", "my-app-secret-key")
        .containsEntry("consumer", Map.of("id", body(consumer).get("id"))).doesNotContainKey("updated_at");
  }

  @Test
  void kongStatusThroughTheAdminApi() {
    HttpResponse<String> response = curl(
        "curl -s \"http://localhost:8000/admin-api/?apikey=YOUR_KEY\" | python3 -m json.tool");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body(response)).containsKeys("version", "hostname", "node_id", "plugins");
  }

  @Test
  void debuggingCommands() {
    assertThat(curl("curl -s \"http://localhost:8000/admin-api/services/vllm-service?apikey=YOUR_KEY\""
        + " | python3 -m json.tool").statusCode()).isEqualTo(200);
    assertThat(data(curl("curl -s \"http://localhost:8000/admin-api/routes?apikey=YOUR_KEY\" | python3 -m json.tool")))
        .hasSize(3);
  }

  @Test
  void quickReferenceTable() {
    assertThat(data(curl("curl \"http://localhost:8000/admin-api/services?apikey=KEY\""))).hasSize(3);
    assertThat(data(curl("curl \"http://localhost:8000/admin-api/routes?apikey=KEY\""))).hasSize(3);
    assertThat(data(curl("curl \"http://localhost:8000/admin-api/plugins?apikey=KEY\""))).hasSize(1);
    assertThat(data(curl("curl \"http://localhost:8000/admin-api/consumers?apikey=KEY\""))).hasSize(1);
    // The table's placeholders NAME and key=value, filled in with a real service and field:
    HttpResponse<String> update = curl(
        "curl -X PATCH \"http://localhost:8000/admin-api/services/sglang-service?apikey=KEY\" -d \"retries=3\"");
    assertThat(update.statusCode()).isEqualTo(200);
    assertThat(body(update)).containsEntry("retries", 3L);
    // ... and taken literally, "key" is not a service field: Kong's schema violation.
    HttpResponse<String> literal = curl(
        "curl -X PATCH \"http://localhost:8000/admin-api/services/sglang-service?apikey=KEY\" -d \"key=value\"");
    assertThat(literal.statusCode()).isEqualTo(400);
    assertThat(literal.body()).isEqualTo("{\"code\":2,\"name\":\"schema violation\",\"message\":"
        + "\"schema violation (key: unknown field)\",\"fields\":{\"key\":\"unknown field\"}}");
    assertThat(curl("curl -X DELETE \"http://localhost:8000/admin-api/routes/sglang-route?apikey=KEY\"").statusCode())
        .isEqualTo(204);
    assertThat(curl("curl -X DELETE \"http://localhost:8000/admin-api/services/sglang-service?apikey=KEY\"")
        .statusCode()).isEqualTo(204);
    assertThat(data(admin.get("/services"))).hasSize(2);
  }
}
