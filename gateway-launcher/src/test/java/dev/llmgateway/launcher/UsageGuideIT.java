package dev.llmgateway.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks the usage guide end to end through the built jar, started as users start it (no config, empty data
 * dir, VLLM_URL / SGLANG_URL / GATEWAY_ADMIN_API_KEY in the environment), with two fake LLM servers behind it.
 * The steps build on each other, as the guide's do.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UsageGuideIT {
  static final String KEY = "it-admin-key-0123456789";
  static final String CHAT = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"What is Docker?\"}]}";
  static final String STREAM = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"story\"}],"
      + "\"stream\":true}";

  @TempDir
  static Path work;
  static FakeLlm vllm;
  static FakeLlm sglang;
  static FakeLlm ollama;
  static GatewayJarProcess gateway;
  static final Http http = new Http();

  @BeforeAll
  static void start() throws Exception {
    vllm = new FakeLlm("vllm");
    sglang = new FakeLlm("sglang");
    ollama = new FakeLlm("ollama");
    gateway = GatewayJarProcess.start(Map.of("VLLM_URL", vllm.url(), "SGLANG_URL", sglang.url(),
        "GATEWAY_ADMIN_API_KEY", KEY), work, "--proxy-listen", "127.0.0.1:0", "--admin-listen", "127.0.0.1:0",
        "--data-dir", work.resolve("data").toString());
  }

  @AfterAll
  static void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    for (FakeLlm f : new FakeLlm[] {vllm, sglang, ollama}) {
      if (f != null) {
        f.close();
      }
    }
  }

  static URI proxy(String path) {
    return gateway.proxy(path);
  }

  static URI adminApi(String path) {
    return gateway.proxy("/admin-api" + path);
  }

  @Test
  @Order(1)
  void startupPrintsListenersAndConfigSourceWithoutTheKey() {
    assertThat(gateway.output()).contains("ready in ", "  proxy  http://127.0.0.1:", "  admin  http://127.0.0.1:",
        "built-in LLM stack", "admin key from GATEWAY_ADMIN_API_KEY").doesNotContain(KEY);
  }

  @Test
  @Order(2)
  void chatReachesBothBackendsWithThePrefixStripped() throws Exception {
    Map<String, Object> v = Http.json(ok(http.postJson(proxy("/v1/vllm/v1/chat/completions"), CHAT)));
    assertThat(v).containsEntry("server", "vllm").containsEntry("path", "/v1/chat/completions");
    Map<String, Object> s = Http.json(ok(http.postJson(proxy("/v1/sglang/v1/chat/completions"), CHAT)));
    assertThat(s).containsEntry("server", "sglang").containsEntry("path", "/v1/chat/completions");
    assertThat(Http.json(ok(http.get(proxy("/v1/vllm/v1/models"))))).extractingByKey("data").asInstanceOf(LIST)
        .hasSize(1);
    assertThat(Http.json(ok(http.postJson(proxy("/v1/vllm/v1/completions"), "{\"prompt\":\"x\"}"))))
        .containsEntry("path", "/v1/completions");
    assertThat(Http.json(ok(http.postJson(proxy("/v1/vllm/v1/embeddings"), "{\"input\":\"x\"}"))))
        .containsEntry("path", "/v1/embeddings");
  }

  @Test
  @Order(3)
  void streamedEventsCrossTheGatewayOneByOne() throws Exception {
    vllm.resetStream();
    try (Http.Lines lines = http.stream(proxy("/v1/vllm/v1/chat/completions"), STREAM)) {
      vllm.awaitStream(Duration.ofSeconds(10));
      assertThat(lines.response.statusCode()).isEqualTo(200);
      assertThat(lines.response.headers().firstValue("content-type")).hasValueSatisfying(
          t -> assertThat(t).startsWith("text/event-stream"));
      for (int i = 0; i < 5; i++) {
        vllm.send("{\"token\":" + i + "}");
        assertThat(lines.nextData()).isEqualTo("{\"token\":" + i + "}");
      }
      vllm.send("[DONE]");
      assertThat(lines.nextData()).isEqualTo("[DONE]");
      assertThat(lines.nextData()).isNull();
    }
  }

  @Test
  @Order(4)
  void adminApiThroughTheProxyNeedsTheKey() throws Exception {
    assertThat(http.get(adminApi("/services")).statusCode()).isEqualTo(401);
    assertThat(http.get(adminApi("/services?apikey=wrong")).statusCode()).isEqualTo(401);
    Map<String, Object> services = Http.json(ok(http.get(adminApi("/services?apikey=" + KEY))));
    assertThat(names(services)).contains("vllm-service", "sglang-service", "admin-api-service");
    assertThat(names(Http.json(ok(http.get(adminApi("/routes"), "apikey", KEY)))))
        .contains("vllm-route", "sglang-route", "admin-api-route");
    assertThat(Http.json(ok(http.get(adminApi("/services/vllm-service"), "apikey", KEY))))
        .containsEntry("read_timeout", 120000L).containsEntry("write_timeout", 120000L);
    ok(http.get(adminApi("/plugins?apikey=" + KEY)));
    ok(http.get(adminApi("/consumers?apikey=" + KEY)));
    assertThat(Http.json(ok(http.get(adminApi("/?apikey=" + KEY))))).containsKey("version");
  }

  @Test
  @Order(5)
  void changingTimeoutsAndTheBackendUrlTakesEffectAtOnce() throws Exception {
    Map<String, Object> patched = Http.json(ok(http.form("PATCH", adminApi("/services/vllm-service"),
        List.of("read_timeout", "300000", "write_timeout", "300000"), "apikey", KEY)));
    assertThat(patched).containsEntry("read_timeout", 300000L).containsEntry("write_timeout", 300000L);
    ok(http.form("PATCH", adminApi("/services/vllm-service"), List.of("url", ollama.url()), "apikey", KEY));
    assertThat(Http.json(ok(http.postJson(proxy("/v1/vllm/v1/chat/completions"), CHAT))))
        .containsEntry("server", "ollama");
    ok(http.form("PATCH", adminApi("/services/vllm-service"), List.of("url", vllm.url()), "apikey", KEY));
    assertThat(Http.json(ok(http.postJson(proxy("/v1/vllm/v1/chat/completions"), CHAT))))
        .containsEntry("server", "vllm");
  }

  @Test
  @Order(6)
  void addingAndRemovingABackend() throws Exception {
    assertThat(http.form("POST", adminApi("/services"), List.of("name", "ollama-service", "url", ollama.url(),
        "read_timeout", "120000", "write_timeout", "120000"), "apikey", KEY).statusCode()).isEqualTo(201);
    assertThat(http.form("POST", adminApi("/services/ollama-service/routes"), List.of("name", "ollama-route",
        "paths[]", "/v1/ollama", "strip_path", "true"), "apikey", KEY).statusCode()).isEqualTo(201);
    assertThat(Http.json(ok(http.get(proxy("/v1/ollama/api/tags"))))).containsEntry("server", "ollama")
        .containsEntry("path", "/api/tags");
    assertThat(http.delete(adminApi("/routes/ollama-route"), "apikey", KEY).statusCode()).isEqualTo(204);
    assertThat(http.delete(adminApi("/services/ollama-service"), "apikey", KEY).statusCode()).isEqualTo(204);
    HttpResponse<String> gone = http.get(proxy("/v1/ollama/api/tags"));
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.body()).contains("no Route matched with those values");
  }

  @Test
  @Order(7)
  void rateLimitingAServiceRefusesThePastTheLimit() throws Exception {
    HttpResponse<String> added = http.form("POST", adminApi("/services/sglang-service/plugins"),
        List.of("name", "rate-limiting", "config.minute", "3", "config.policy", "local"), "apikey", KEY);
    assertThat(added.statusCode()).isEqualTo(201);
    int passed = 0;
    HttpResponse<String> last = null;
    for (int i = 0; i < 4; i++) {
      last = http.postJson(proxy("/v1/sglang/v1/chat/completions"), CHAT);
      passed += last.statusCode() == 200 ? 1 : 0;
    }
    // At most 3 pass in the current minute (fewer only if the minute rolled over between requests).
    assertThat(passed).isBetween(1, 3);
    if (passed == 3) {
      assertThat(last.statusCode()).isEqualTo(429);
      assertThat(last.body()).contains("API rate limit exceeded");
      assertThat(last.headers().firstValue("X-RateLimit-Limit-Minute")).contains("3");
    }
    String id = String.valueOf(Http.json(added).get("id"));
    assertThat(http.delete(adminApi("/plugins/" + id), "apikey", KEY).statusCode()).isEqualTo(204);
  }

  @Test
  @Order(8)
  void keyAuthOnTheLlmRoute() throws Exception {
    assertThat(http.form("POST", adminApi("/services/vllm-service/plugins"), List.of("name", "key-auth"),
        "apikey", KEY).statusCode()).isEqualTo(201);
    assertThat(http.form("POST", adminApi("/consumers"), List.of("username", "my-app"), "apikey", KEY)
        .statusCode()).isEqualTo(201);
    assertThat(http.form("POST", adminApi("/consumers/my-app/key-auth"), List.of("key", "my-app-secret-key"),
        "apikey", KEY).statusCode()).isEqualTo(201);
    HttpResponse<String> refused = http.get(proxy("/v1/vllm/v1/models"));
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).contains("No API key found in request");
    assertThat(http.get(proxy("/v1/vllm/v1/models"), "apikey", "my-app-secret-key").statusCode()).isEqualTo(200);
    Map<String, Object> bearer = Http.json(ok(http.postJson(proxy("/v1/vllm/v1/chat/completions"), CHAT,
        "Authorization", "Bearer my-app-secret-key")));
    assertThat(bearer).containsEntry("consumer", "my-app");
    // An application key never opens the Admin API: acl allows the admin group only.
    assertThat(http.get(adminApi("/services"), "apikey", "my-app-secret-key").statusCode()).isEqualTo(403);
    assertThat(http.get(proxy("/v1/sglang/v1/models")).statusCode()).isEqualTo(200);
  }

  @Test
  @Order(9)
  @SuppressWarnings("rawtypes") // ServiceLoader's providers of a generic service type are raw
  void pluginsFromEveryModuleAreEnabledInTheJar() throws Exception {
    // Every plugin type the modules declare (each module's own META-INF/services file, as separate class-path
    // entries here) must be enabled in the fat jar, whose services files shade had to merge into one.
    List<String> declared = java.util.ServiceLoader.load(dev.llmgateway.plugin.PluginType.class).stream()
        .filter(p -> !p.type().getProtectionDomain().getCodeSource().getLocation().toString()
            .matches(".*(test-classes|-tests\\.jar).*"))
        .map(p -> p.get().name()).toList();
    assertThat(declared).contains("key-auth", "rate-limiting", "acl");
    Map<String, Object> enabled = Http.json(ok(http.get(gateway.admin("/plugins/enabled"))));
    assertThat(enabled).extractingByKey("enabled_plugins").asInstanceOf(LIST)
        .containsExactlyInAnyOrderElementsOf(declared);
  }

  @Test
  @Order(10)
  void theKeyNeverAppearsInTheLog() {
    assertThat(gateway.output()).doesNotContain(KEY).doesNotContain("my-app-secret-key");
  }

  static HttpResponse<String> ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as("%s %s -> %s", response.request().method(), response.uri(),
        response.body()).isBetween(200, 299);
    return response;
  }

  @SuppressWarnings("unchecked")
  static List<Object> names(Map<String, Object> list) {
    return ((List<Map<String, Object>>) list.get("data")).stream().map(m -> m.get("name")).map(Object.class::cast)
        .toList();
  }
}
