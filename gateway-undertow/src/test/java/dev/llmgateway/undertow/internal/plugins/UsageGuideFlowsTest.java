package dev.llmgateway.undertow.internal.plugins;

import static dev.llmgateway.undertow.internal.plugins.StackGateway.ADMIN_KEY;
import static dev.llmgateway.undertow.internal.plugins.StackGateway.json;
import static dev.llmgateway.undertow.internal.plugins.StackGateway.upstreamHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The usage guide's flows, command by command, through the Admin API on the proxy port ({@code /admin-api} with
 * {@code apikey}) of a gateway running the default stack: only the port and the key differ from the guide.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UsageGuideFlowsTest {
  private static final String FORM = "application/x-www-form-urlencoded";
  private static StackGateway gw;

  @BeforeAll
  static void start() throws Exception {
    gw = StackGateway.start(Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  /** {@code curl -X METHOD http://localhost:8000/admin-api/PATH -H "apikey: KEY" -d a=b -d c=d}. */
  private static HttpResponse<String> curlAdmin(String method, String path, String... data) {
    String body = data.length == 0 ? null : String.join("&", data);
    return body == null ? gw.proxy(method, "/admin-api" + path, null, "apikey", ADMIN_KEY)
        : gw.proxy(method, "/admin-api" + path, body, "apikey", ADMIN_KEY, "Content-Type", FORM);
  }

  @Test
  @Order(1)
  void passingTheApiKeyAsQueryOrHeader() {
    HttpResponse<String> query = gw.proxy("GET", "/admin-api/services?apikey=" + ADMIN_KEY, null);
    assertThat(query.statusCode()).isEqualTo(200);
    assertThat(query.body()).contains("\"vllm-service\"", "\"sglang-service\"", "\"admin-api-service\"");
    HttpResponse<String> header = gw.proxy("GET", "/admin-api/services", null, "apikey", ADMIN_KEY);
    assertThat(header.statusCode()).isEqualTo(200);
    assertThat(json(header).get("data")).asInstanceOf(LIST).hasSize(3);
    assertThat(gw.proxy("GET", "/admin-api/routes?apikey=" + ADMIN_KEY, null).body())
        .contains("\"vllm-route\"", "\"sglang-route\"", "\"admin-api-route\"");
    assertThat(gw.proxy("GET", "/admin-api/plugins?apikey=" + ADMIN_KEY, null).body())
        .contains("\"key-auth\"", "\"acl\"");
    assertThat(gw.proxy("GET", "/admin-api/consumers?apikey=" + ADMIN_KEY, null).body()).contains("\"admin\"");
    HttpResponse<String> one = gw.proxy("GET", "/admin-api/services/vllm-service?apikey=" + ADMIN_KEY, null);
    assertThat(json(one)).containsEntry("read_timeout", 120000L).containsEntry("port", (long) gw.vllm.port());
    HttpResponse<String> node = gw.proxy("GET", "/admin-api/?apikey=" + ADMIN_KEY, null);
    assertThat(node.statusCode()).isEqualTo(200);
    assertThat(json(node)).containsKey("version");
  }

  @Test
  @Order(2)
  void withoutTheKeyTheAdminApiIsClosed() {
    HttpResponse<String> r = gw.proxy("GET", "/admin-api/services", null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(json(r)).containsEntry("message", "No API key found in request");
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Key");
    assertThat(gw.proxy("GET", "/admin-api/services?apikey=wrong", null).statusCode()).isEqualTo(401);
  }

  @Test
  @Order(3)
  void llmRoutesNeedNoKeyByDefault() {
    HttpResponse<String> r = gw.proxy("GET", "/v1/vllm/v1/models", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r)).containsEntry("path", "/v1/models");
    assertThat(json(gw.proxy("POST", "/v1/sglang/v1/completions", "{\"model\":\"m\",\"prompt\":\"x\"}",
        "Content-Type", "application/json"))).containsEntry("path", "/v1/completions");
  }

  @Test
  @Order(4)
  void addingRateLimitingToAService() {
    HttpResponse<String> created = curlAdmin("POST", "/services/vllm-service/plugins",
        "name=rate-limiting", "config.minute=60", "config.policy=local");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(json(created)).containsEntry("name", "rate-limiting");
    HttpResponse<String> r = gw.proxy("GET", "/v1/vllm/v1/models", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-RateLimit-Limit-Minute")).hasValue("60");
    assertThat(r.headers().firstValue("RateLimit-Limit")).hasValue("60");
    assertThat(gw.proxy("GET", "/v1/sglang/v1/models", null).headers().firstValue("X-RateLimit-Limit-Minute"))
        .isEmpty();
  }

  @Test
  @Order(5)
  void addingRequestAuthenticationToLlmRoutes() {
    assertThat(curlAdmin("POST", "/services/vllm-service/plugins", "name=key-auth").statusCode()).isEqualTo(201);
    assertThat(curlAdmin("POST", "/consumers", "username=my-app").statusCode()).isEqualTo(201);
    assertThat(curlAdmin("POST", "/consumers/my-app/key-auth", "key=my-app-secret-key").statusCode()).isEqualTo(201);
    HttpResponse<String> ok = gw.proxy("GET", "/v1/vllm/v1/models", null, "apikey", "my-app-secret-key");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(upstreamHeaders(ok)).containsEntry("x-consumer-username", List.of("my-app"));
    assertThat(gw.proxy("GET", "/v1/vllm/v1/models", null).statusCode()).isEqualTo(401);
    assertThat(gw.proxy("GET", "/v1/sglang/v1/models", null).statusCode()).isEqualTo(200);
    // The application's key never opens the Admin API.
    HttpResponse<String> admin = gw.proxy("GET", "/admin-api/services", null, "apikey", "my-app-secret-key");
    assertThat(admin.statusCode()).isEqualTo(403);
    assertThat(json(admin)).containsEntry("message", "You cannot consume this service");
  }

  @Test
  @Order(6)
  void usingKongWithTheOpenAiPythonSdk() {
    String chat = "{\"model\":\"your-model-name\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello!\"}]}";
    // client = OpenAI(base_url=".../v1/vllm/v1", api_key="my-app-secret-key"): only a Bearer token.
    HttpResponse<String> bearer = gw.proxy("POST", "/v1/vllm/v1/chat/completions", chat,
        "Authorization", "Bearer my-app-secret-key", "Content-Type", "application/json",
        "User-Agent", "OpenAI/Python 1.54.0", "X-Stainless-Lang", "python");
    assertThat(bearer.statusCode()).isEqualTo(200);
    assertThat(json(bearer)).containsEntry("path", "/v1/chat/completions");
    assertThat(upstreamHeaders(bearer)).containsEntry("x-consumer-username", List.of("my-app"))
        .containsEntry("authorization", List.of("Bearer my-app-secret-key"));
    // The guide's variant: api_key plus default_headers={"apikey": ...}.
    HttpResponse<String> both = gw.proxy("POST", "/v1/vllm/v1/chat/completions", chat,
        "Authorization", "Bearer my-app-secret-key", "apikey", "my-app-secret-key", "Content-Type", "application/json");
    assertThat(both.statusCode()).isEqualTo(200);
    // api_key="not-needed" is refused once key-auth is on.
    HttpResponse<String> notNeeded = gw.proxy("POST", "/v1/vllm/v1/chat/completions", chat,
        "Authorization", "Bearer not-needed", "Content-Type", "application/json");
    assertThat(notNeeded.statusCode()).isEqualTo(401);
    assertThat(json(notNeeded)).containsEntry("message", "Unauthorized");
    // SGLang has no key-auth: "not-needed" still works there.
    assertThat(gw.proxy("POST", "/v1/sglang/v1/chat/completions", chat, "Authorization", "Bearer not-needed",
        "Content-Type", "application/json").statusCode()).isEqualTo(200);
  }

  @Test
  @Order(7)
  void commonAdminTasksThroughTheProxy() {
    assertThat(curlAdmin("PATCH", "/services/vllm-service", "read_timeout=300000", "write_timeout=300000")
        .statusCode()).isEqualTo(200);
    assertThat(json(curlAdmin("GET", "/services/vllm-service"))).containsEntry("read_timeout", 300000L);
    assertThat(curlAdmin("POST", "/services", "name=ollama-service", "url=" + gw.sglang.url(),
        "read_timeout=120000", "write_timeout=120000").statusCode()).isEqualTo(201);
    assertThat(curlAdmin("POST", "/services/ollama-service/routes", "name=ollama-route", "paths[]=/v1/ollama",
        "strip_path=true").statusCode()).isEqualTo(201);
    assertThat(json(gw.proxy("GET", "/v1/ollama/api/tags", null))).containsEntry("path", "/api/tags");
    assertThat(gw.proxy("DELETE", "/admin-api/routes/ollama-route?apikey=" + ADMIN_KEY, null).statusCode())
        .isEqualTo(204);
    assertThat(gw.proxy("DELETE", "/admin-api/services/ollama-service?apikey=" + ADMIN_KEY, null).statusCode())
        .isEqualTo(204);
    assertThat(gw.proxy("GET", "/v1/ollama/api/tags", null).statusCode()).isEqualTo(404);
  }

  @Test
  @Order(8)
  void theAdminKeyIsHiddenFromTheAdminApi() {
    HttpResponse<String> r = gw.proxy("GET", "/admin-api/services?apikey=" + ADMIN_KEY + "&size=1", null);
    assertThat(r.statusCode()).isEqualTo(200);
    // hide_credentials strips the key, so the Admin API sees (and pages with) only the other arguments.
    assertThat((String) json(r).get("next")).doesNotContain(ADMIN_KEY).contains("size=1");
  }
}
