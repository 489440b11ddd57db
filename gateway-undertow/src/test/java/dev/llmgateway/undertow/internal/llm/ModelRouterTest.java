package dev.llmgateway.undertow.internal.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.plugins.modelrouter.ModelRouterType;
import dev.llmgateway.internal.plugins.testing.MutableClock;
import dev.llmgateway.undertow.embed.AccessLogOptions;
import dev.llmgateway.undertow.internal.plugins.StackGateway;
import dev.llmgateway.undertow.internal.testing.RawHttpConnection;
import dev.llmgateway.undertow.internal.testing.StubRequest;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ai-model-router through a real gateway: one {@code /v1} route, two engines serving different models, the body's
 * model picks the engine (streams included), an alias is renamed upstream and nothing else changes, the model list
 * is the union, and errors come in OpenAI's shape (the router's own and the gateway's).
 */
class ModelRouterTest {
  private static StackGateway gw;
  private static Path log;
  private static StubUpstream llama;
  private static StubUpstream qwen;

  @BeforeAll
  static void start() throws Exception {
    log = Files.createTempFile("router", ".jsonl");
    gw = StackGateway.start(new MutableClock(Instant.parse("2026-12-01T00:00:00Z")),
        AccessLogOptions.file(log).asJson(), List.of(new ModelRouterType()));
    AiProxyTestSupport.gw = gw;
    AiProxyTestSupport.log = log;
    llama = StubUpstream.start(OpenAiStub.engine("meta-llama/Llama-3.1-8B-Instruct"));
    qwen = StubUpstream.start(OpenAiStub.engine("Qwen/Qwen2.5-7B-Instruct"));
    gw.adminForm("POST", "/services", "name=llama-svc&url=" + llama.url());
    gw.adminForm("POST", "/services", "name=qwen-svc&url=" + qwen.url());
    gw.adminForm("POST", "/services/llama-svc/routes", "name=fleet&paths[]=/v1&strip_path=false");
    HttpResponse<String> r = gw.admin("POST", "/routes/fleet/plugins", "{\"name\":\"ai-model-router\",\"config\":"
        + "{\"models\":[{\"name\":\"meta-llama/Llama-3.1-8B-Instruct\",\"service\":\"llama-svc\"},"
        + "{\"name\":\"llama\",\"service\":\"llama-svc\",\"upstream_model\":\"meta-llama/Llama-3.1-8B-Instruct\"},"
        + "{\"name\":\"Qwen/Qwen2.5-7B-Instruct\",\"service\":\"qwen-svc\"}],\"max_request_body_size\":4096}}",
        "Content-Type", "application/json");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
    llama.close();
    qwen.close();
    Files.deleteIfExists(log);
  }

  private static HttpResponse<String> chat(String body) {
    return gw.proxy("POST", "/v1/chat/completions", body, "Content-Type", "application/json");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> error(HttpResponse<String> r) {
    return (Map<String, Object>) Json.parseObject(r.body()).get("error");
  }

  @Test
  void theBodysModelPicksTheEngine() throws Exception {
    String body = "{\"model\":\"Qwen/Qwen2.5-7B-Instruct\",  \"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    HttpResponse<String> r = chat(body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    StubRequest up = qwen.takeRequest(Duration.ofSeconds(5));
    assertThat(up.path()).isEqualTo("/v1/chat/completions");
    assertThat(up.bodyText()).as("forwarded byte for byte").isEqualTo(body);
    assertThat(chat("{\"model\":\"meta-llama/Llama-3.1-8B-Instruct\",\"messages\":[]}").statusCode()).isEqualTo(200);
    assertThat(llama.takeRequest(Duration.ofSeconds(5)).path()).isEqualTo("/v1/chat/completions");
  }

  @Test
  void anAliasIsRenamedUpstreamAndNothingElseChanges() throws Exception {
    HttpResponse<String> r = chat("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"model\":\"llama\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(llama.takeRequest(Duration.ofSeconds(5)).bodyText()).isEqualTo(
        "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"model\":\"meta-llama/Llama-3.1-8B-Instruct\"}");
  }

  @Test
  void streamsGoToTheRightEngineAndKeepStreaming() throws Exception {
    byte[] body = "{\"model\":\"Qwen/Qwen2.5-7B-Instruct\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"
        .getBytes(StandardCharsets.UTF_8);
    try (RawHttpConnection c = RawHttpConnection.open(gw.proxyPort())) {
      c.write("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
          + body.length + "\r\n\r\n");
      c.write(body);
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("Content-Type")).startsWith("text/event-stream");
      String received = new String(c.readBody(head), StandardCharsets.UTF_8);
      StringBuilder expected = new StringBuilder();
      for (String t : OpenAiStub.TOKENS) {
        expected.append("data: ").append(OpenAiStub.chunk("Qwen/Qwen2.5-7B-Instruct", true, t)).append("\n\n");
      }
      assertThat(received).isEqualTo(expected.append("data: [DONE]\n\n").toString());
    }
    StubRequest up = qwen.takeRequest(Duration.ofSeconds(5));
    assertThat(up.bodyText()).startsWith("{\"stream_options\":{\"include_usage\":true},\"model\":");
  }

  @Test
  @SuppressWarnings("unchecked")
  void modelsListsEveryModelBehindTheRoute() {
    HttpResponse<String> r = gw.proxy("GET", "/v1/models", null);
    assertThat(r.statusCode()).isEqualTo(200);
    List<Map<String, Object>> data = (List<Map<String, Object>>) Json.parseObject(r.body()).get("data");
    assertThat(data).extracting(m -> m.get("id")).containsExactly("meta-llama/Llama-3.1-8B-Instruct", "llama",
        "Qwen/Qwen2.5-7B-Instruct");
  }

  @Test
  void badRequestsGetOpenAisShape() {
    HttpResponse<String> unknown = chat("{\"model\":\"gpt-5\",\"messages\":[]}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(error(unknown)).containsEntry("type", "invalid_request_error").containsEntry("param", "model")
        .containsEntry("code", "model_not_found").containsEntry("message",
            "The model `gpt-5` does not exist or you do not have access to it.");
    HttpResponse<String> none = chat("{\"messages\":[]}");
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(error(none)).containsEntry("message", "you must provide a model parameter");
    HttpResponse<String> notJson = chat("{\"model\":");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(error(notJson)).containsEntry("type", "invalid_request_error");
    HttpResponse<String> big = chat("{\"model\":\"llama\",\"x\":\"" + "y".repeat(5000) + "\"}");
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(Json.parseObject(big.body())).containsKey("message");
    assertThat(error(big)).containsEntry("type", "invalid_request_error").containsEntry("code", "request_too_large");
  }

  @Test
  void theGatewaysOwnErrorsCarryOpenAisErrorObject() {
    gw.adminForm("POST", "/services", "name=down-svc&url=http://127.0.0.1:9");
    gw.adminForm("POST", "/services/down-svc/routes", "name=down&paths[]=/down");
    HttpResponse<String> r = gw.admin("POST", "/routes/down/plugins", "{\"name\":\"ai-model-router\",\"config\":"
        + "{\"models\":[{\"name\":\"m\"}]}}", "Content-Type", "application/json");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    HttpResponse<String> bad = gw.proxy("POST", "/down/v1/chat/completions", "{\"model\":\"m\",\"messages\":[]}",
        "Content-Type", "application/json");
    assertThat(bad.statusCode()).isEqualTo(502);
    Map<String, Object> body = Json.parseObject(bad.body());
    assertThat(body).containsKey("message").containsKey("request_id");
    assertThat(error(bad)).containsEntry("type", "server_error").containsEntry("code", "bad_gateway")
        .containsEntry("message", body.get("message"));
    gw.adminForm("POST", "/routes/down/plugins", "name=key-auth");
    HttpResponse<String> unauthorized = gw.proxy("POST", "/down/v1/chat/completions", "{\"model\":\"m\"}",
        "Content-Type", "application/json", "Authorization", "Bearer wrong");
    assertThat(unauthorized.statusCode()).isEqualTo(401);
    assertThat(error(unauthorized)).containsEntry("type", "authentication_error")
        .containsEntry("code", "invalid_api_key");
    assertThat(Json.parseObject(gw.proxy("GET", "/no-such-route", null).body())).doesNotContainKey("error");
  }
}
