package dev.llmgateway.undertow.internal.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.plugins.aiproxy.AiProxyType;
import dev.llmgateway.internal.plugins.filelog.FileLogType;
import dev.llmgateway.internal.plugins.testing.MutableClock;
import dev.llmgateway.undertow.embed.AccessLogOptions;
import dev.llmgateway.undertow.internal.plugins.StackGateway;
import dev.llmgateway.undertow.internal.testing.StubRequest;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ai-proxy through a real gateway and Admin API, against OpenAI-compatible stub engines on loopback: Kong's doc
 * configurations load and proxy, unsupported providers are refused by name, Kong's 400s, auth injection, exact
 * usage in Kong's {@code ai} access-log field.
 */
class AiProxyTest {
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static final String SECRET = "sk-never-logged-7f3a";
  private static StackGateway gw;
  private static Path log;
  private final List<StubUpstream> stubs = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    log = Files.createTempFile("ai-proxy-access", ".jsonl");
    gw = StackGateway.start(new MutableClock(Instant.parse("2026-12-01T00:00:00Z")),
        AccessLogOptions.file(log).asJson(), List.of(new AiProxyType(), new FileLogType()));
    AiProxyTestSupport.gw = gw;
    AiProxyTestSupport.log = log;
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
    Files.deleteIfExists(log);
  }

  @AfterEach
  void closeStubs() {
    stubs.forEach(StubUpstream::close);
  }

  StubUpstream engine(String served) {
    StubUpstream s = StubUpstream.start(OpenAiStub.engine(served));
    stubs.add(s);
    return s;
  }

  /** A service that points nowhere (ai-proxy decides the target) and a route; returns the route path. */
  static String route() {
    String name = "ai" + NEXT.incrementAndGet();
    gw.adminForm("POST", "/services", "name=" + name + "&url=http://127.0.0.1:9/unused");
    gw.adminForm("POST", "/services/" + name + "/routes", "name=" + name + "&paths[]=/" + name);
    return "/" + name;
  }

  static HttpResponse<String> plugin(String path, String configJson) {
    return gw.admin("POST", "/routes" + path + "/plugins", "{\"name\":\"ai-proxy\",\"config\":" + configJson + "}",
        "Content-Type", "application/json");
  }

  static void pluginOk(String path, String configJson) {
    HttpResponse<String> r = plugin(path, configJson);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  static HttpResponse<String> post(String path, String body, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = "application/json";
    System.arraycopy(headers, 0, all, 2, headers.length);
    return gw.proxy("POST", path, body, all);
  }

  static final String CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"What is Docker?\"}]}";
  static final String CHAT_WITH_MODEL = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  @Test
  @SuppressWarnings("unchecked")
  void fileLogCarriesTheAiFieldOnlyWithLogStatistics() throws Exception {
    StubUpstream engine = engine("gpt-4o-2024-08-06");
    Path file = Files.createTempFile("ai-file-log", ".jsonl");
    try {
      for (boolean statistics : new boolean[] {false, true}) {
        String p = route();
        pluginOk(p, "{\"route_type\":\"llm/v1/chat\",\"model\":{\"provider\":\"openai\",\"name\":\"gpt-4o\","
            + "\"options\":{\"upstream_url\":\"" + engine.url() + "/v1/chat/completions\"}},\"logging\":{"
            + "\"log_statistics\":" + statistics + "}}");
        HttpResponse<String> fileLog = gw.admin("POST", "/routes" + p + "/plugins", "{\"name\":\"file-log\","
            + "\"config\":{\"path\":\"" + file + "\"}}", "Content-Type", "application/json");
        assertThat(fileLog.statusCode()).as(fileLog.body()).isEqualTo(201);
        assertThat(post(p, CHAT).statusCode()).isEqualTo(200);
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (Files.readAllLines(file).size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      List<String> lines = Files.readAllLines(file);
      assertThat(lines).hasSize(2);
      assertThat(Json.parseObject(lines.get(0))).doesNotContainKey("ai");
      Map<String, Object> ai = (Map<String, Object>) Json.parseObject(lines.get(1)).get("ai");
      assertThat((Map<String, Object>) ((Map<String, Object>) ai.get("proxy")).get("usage"))
          .containsEntry("prompt_tokens", 11L).containsEntry("completion_tokens", 4L);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test
  void openAiChatAsInKongsDocs() throws Exception {
    StubUpstream engine = engine("gpt-4o-2024-08-06");
    String p = route();
    pluginOk(p, "{\"route_type\":\"llm/v1/chat\",\"auth\":{\"header_name\":\"Authorization\",\"header_value\":"
        + "\"Bearer " + SECRET + "\"},\"model\":{\"provider\":\"openai\",\"name\":\"gpt-4o\",\"options\":{"
        + "\"max_tokens\":512,\"temperature\":1.0,\"upstream_url\":\"" + engine.url()
        + "/v1/chat/completions\"}},\"logging\":{\"log_statistics\":true}}");
    HttpResponse<String> r = post(p, "{\"messages\":[{\"role\":\"user\",\"content\":\"What is Docker?\"}],"
        + "\"top_k\":5,\"max_tokens\":9999,\"n\":1}", "Authorization", "Bearer client-key");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-Kong-LLM-Model")).hasValue("openai/gpt-4o");
    StubRequest up = engine.takeRequest(Duration.ofSeconds(5));
    assertThat(up.path()).isEqualTo("/v1/chat/completions");
    assertThat(up.header("Authorization")).isEqualTo("Bearer " + SECRET);
    assertThat(up.header("Content-Type")).isEqualTo("application/json");
    Map<String, Object> sent = Json.parseObject(up.bodyText());
    assertThat(sent).containsEntry("model", "gpt-4o").containsEntry("max_tokens", 512L)
        .containsEntry("temperature", 1L).containsEntry("stream", false).containsEntry("n", 1L)
        .doesNotContainKey("top_k");
    Map<String, Object> line = awaitLogLine(p);
    assertThat(Json.write(line)).doesNotContain(SECRET).doesNotContain("client-key");
    Map<String, Object> proxy = ai(line);
    assertThat(meta(proxy)).containsEntry("provider_name", "openai").containsEntry("request_model", "gpt-4o")
        .containsEntry("response_model", "gpt-4o-2024-08-06");
    assertThat(usage(proxy)).containsEntry("prompt_tokens", 11L).containsEntry("completion_tokens", 4L)
        .containsEntry("total_tokens", 15L).containsEntry("partial", false).containsEntry("streamed", false);
  }

  @Test
  void openAiCompletionsAsInKongsDocs() throws Exception {
    StubUpstream engine = engine("gpt-3.5-turbo-instruct");
    String p = route();
    pluginOk(p, "{\"route_type\":\"llm/v1/completions\",\"auth\":{\"header_name\":\"Authorization\","
        + "\"header_value\":\"Bearer " + SECRET + "\"},\"model\":{\"provider\":\"openai\",\"name\":"
        + "\"gpt-3.5-turbo-instruct\",\"options\":{\"max_tokens\":512,\"temperature\":1.0,\"upstream_url\":\""
        + engine.url() + "/v1/completions\"}}}");
    HttpResponse<String> r = post(p, "{\"prompt\":\"The capital of France is\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(Json.parseObject(r.body())).containsKey("choices");
    StubRequest up = engine.takeRequest(Duration.ofSeconds(5));
    assertThat(up.path()).isEqualTo("/v1/completions");
    assertThat(Json.parseObject(up.bodyText())).containsEntry("model", "gpt-3.5-turbo-instruct")
        .containsEntry("prompt", "The capital of France is");
  }

  @Test
  void llama2WithTheOpenAiFormatAsInKongsDocs() throws Exception {
    StubUpstream engine = engine("llama2");
    String p = route();
    pluginOk(p, "{\"route_type\":\"llm/v1/chat\",\"model\":{\"provider\":\"llama2\",\"name\":\"llama2\","
        + "\"options\":{\"llama2_format\":\"openai\",\"upstream_url\":\"" + engine.url()
        + "/v1/chat/completions\"}}}");
    HttpResponse<String> r = post(p, CHAT);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-Kong-LLM-Model")).hasValue("llama2/llama2");
    assertThat(engine.takeRequest(Duration.ofSeconds(5)).path()).isEqualTo("/v1/chat/completions");
  }

  @Test
  void mistralWithTheOpenAiFormatAsInKongsDocs() throws Exception {
    StubUpstream engine = engine("mistral-tiny");
    String p = route();
    pluginOk(p, "{\"route_type\":\"llm/v1/chat\",\"auth\":{\"header_name\":\"Authorization\",\"header_value\":"
        + "\"Bearer " + SECRET + "\"},\"model\":{\"provider\":\"mistral\",\"name\":\"mistral-tiny\",\"options\":{"
        + "\"mistral_format\":\"openai\",\"upstream_url\":\"" + engine.url() + "/v1/chat/completions\"}}}");
    HttpResponse<String> r = post(p, CHAT);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-Kong-LLM-Model")).hasValue("mistral/mistral-tiny");
    assertThat(engine.takeRequest(Duration.ofSeconds(5)).header("Authorization")).isEqualTo("Bearer " + SECRET);
  }

  @Test
  void openAiPointedAtASelfHostedEngineTakesTheModelFromTheBody() throws Exception {
    StubUpstream vllm = engine("meta-llama/Llama-3.1-8B-Instruct");
    String p = route();
    pluginOk(p, "{\"route_type\":\"llm/v1/chat\",\"model\":{\"provider\":\"openai\",\"options\":{"
        + "\"upstream_url\":\"" + vllm.url() + "/v1/chat/completions\"}}}");
    HttpResponse<String> r = post(p + "?trace=1", String.format(CHAT_WITH_MODEL, "meta-llama/Llama-3.1-8B-Instruct"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    StubRequest up = vllm.takeRequest(Duration.ofSeconds(5));
    assertThat(up.target()).isEqualTo("/v1/chat/completions?trace=1");
    assertThat(up.header("Accept-Encoding")).isNull();
    assertThat(Json.parseObject(up.bodyText())).containsEntry("model", "meta-llama/Llama-3.1-8B-Instruct");
    HttpResponse<String> none = post(p, CHAT);
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(none.body()).isEqualTo(
        "{\"error\":{\"message\":\"model parameter not found in request, nor in gateway configuration\"}}");
  }

  @Test
  void preserveSendsTheBodyUntouchedToTheClientPath() throws Exception {
    StubUpstream engine = engine("e5");
    String p = route();
    pluginOk(p, "{\"route_type\":\"preserve\",\"model\":{\"provider\":\"openai\",\"options\":{\"upstream_url\":\""
        + engine.url() + "\"}}}");
    String body = "{\"model\":\"e5\",   \"input\":\"Hello world\"}";
    HttpResponse<String> r = post(p + "/v1/embeddings", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    StubRequest up = engine.takeRequest(Duration.ofSeconds(5));
    assertThat(up.path()).isEqualTo(p + "/v1/embeddings");
    assertThat(up.bodyText()).isEqualTo(body);
  }

  @Test
  void providersThatAreNotOpenAiFormatAreRefusedByName() {
    String p = route();
    for (String provider : List.of("anthropic", "gemini", "bedrock", "azure", "cohere", "huggingface")) {
      HttpResponse<String> r = plugin(p, "{\"route_type\":\"llm/v1/chat\",\"model\":{\"provider\":\"" + provider
          + "\",\"name\":\"x\"}}");
      assertThat(r.statusCode()).as(provider).isEqualTo(400);
      Map<String, Object> body = Json.parseObject(r.body());
      assertThat(body).containsEntry("name", "schema violation").containsEntry("code", 2L);
      assertThat(r.body()).contains("provider '" + provider + "' is not supported");
    }
    HttpResponse<String> ollama = plugin(p, "{\"route_type\":\"llm/v1/chat\",\"model\":{\"provider\":\"llama2\","
        + "\"name\":\"llama2\",\"options\":{\"llama2_format\":\"ollama\",\"upstream_url\":"
        + "\"http://llama2-server.local:11434/api/chat\"}}}");
    assertThat(ollama.statusCode()).isEqualTo(400);
    assertThat(ollama.body()).contains("llama2_format 'ollama' is not supported");
    HttpResponse<String> kong = plugin(p, "{\"route_type\":\"llm/v1/chat\",\"model\":{\"provider\":\"llama2\"}}");
    assertThat(kong.body()).contains("must set 'model.options.llama2_format' for llama2 provider")
        .contains("must set 'model.options.upstream_url' for self-hosted providers/models");
    HttpResponse<String> auth = plugin(p, "{\"route_type\":\"llm/v1/chat\",\"auth\":{\"header_name\":\"x\"},"
        + "\"model\":{\"provider\":\"openai\"}}");
    assertThat(auth.body()).contains("all or none of these fields must be set: 'auth.header_name', "
        + "'auth.header_value'");
    assertThat(gw.admin("GET", "/routes" + p + "/plugins", null).body()).doesNotContain("ai-proxy");
  }

  @Test
  void kongsRequestErrors() {
    StubUpstream engine = engine("gpt-3.5-turbo");
    String p = route();
    pluginOk(p, "{\"route_type\":\"llm/v1/chat\",\"model\":{\"provider\":\"openai\",\"name\":\"gpt-3.5-turbo\","
        + "\"options\":{\"upstream_url\":\"" + engine.url() + "/v1/chat/completions\"}},"
        + "\"response_streaming\":\"deny\"}");
    assertThat(post(p, String.format(CHAT_WITH_MODEL, "gpt-4")).body())
        .isEqualTo("{\"error\":{\"message\":\"cannot use own model - must be: gpt-3.5-turbo\"}}");
    assertThat(post(p, "not json").body())
        .isEqualTo("{\"error\":{\"message\":\"request body doesn't contain valid prompts\"}}");
    assertThat(post(p, "{\"prompt\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"y\"}]}").body())
        .isEqualTo("{\"error\":{\"message\":\"request matches multiple LLM request formats\"}}");
    assertThat(post(p, "{\"prompt\":\"x\"}").body()).isEqualTo("{\"error\":{\"message\":\"[llm/v1/completions] "
        + "message format is not compatible with [llm/v1/chat] route type\"}}");
    HttpResponse<String> stream = post(p, "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"y\"}]}");
    assertThat(stream.statusCode()).isEqualTo(400);
    assertThat(stream.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(stream.body()).isEqualTo("{\"error\":{\"message\":\"response streaming is not enabled for this LLM\"}}");
    assertThat(engine.requests()).isEmpty();
    assertThat(post(p, String.format(CHAT_WITH_MODEL, "gpt-3.5-turbo")).statusCode()).isEqualTo(200);
  }

  @Test
  void bodiesOverTheCapGet413AndLongPromptsPassByDefault() {
    StubUpstream engine = engine("m");
    String small = route();
    pluginOk(small, "{\"route_type\":\"llm/v1/chat\",\"model\":{\"provider\":\"openai\",\"name\":\"m\",\"options\":"
        + "{\"upstream_url\":\"" + engine.url() + "/v1/chat/completions\"}},\"max_request_body_size\":100}");
    String big = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(20_000) + "\"}]}";
    assertThat(post(small, big).statusCode()).isEqualTo(413);
    String dflt = route();
    pluginOk(dflt, "{\"route_type\":\"llm/v1/chat\",\"model\":{\"provider\":\"openai\",\"name\":\"m\",\"options\":"
        + "{\"upstream_url\":\"" + engine.url() + "/v1/chat/completions\"}}}");
    assertThat(post(dflt, big).statusCode()).as("Kong refuses bodies over 8 KiB by default; we do not")
        .isEqualTo(200);
  }

  @Test
  void authAsQueryParameterAndClientOverride() throws Exception {
    StubUpstream engine = engine("m");
    String p = route();
    pluginOk(p, "{\"route_type\":\"llm/v1/chat\",\"auth\":{\"param_name\":\"key\",\"param_value\":\"" + SECRET
        + "\",\"param_location\":\"query\",\"header_name\":\"api-key\",\"header_value\":\"h\","
        + "\"allow_override\":true},\"model\":{\"provider\":\"openai\",\"name\":\"m\",\"options\":{"
        + "\"upstream_url\":\"" + engine.url() + "/v1/chat/completions\"}}}");
    post(p + "?a=1&key=mine", CHAT);
    StubRequest up = engine.takeRequest(Duration.ofSeconds(5));
    assertThat(up.query()).isEqualTo("a=1&key=mine");
    assertThat(up.header("api-key")).isEqualTo("h");
    post(p + "?a=1", CHAT, "api-key", "client");
    up = engine.takeRequest(Duration.ofSeconds(5));
    assertThat(up.query()).isEqualTo("a=1&key=" + SECRET);
    assertThat(up.header("api-key")).isEqualTo("client");
  }

  // --- access log helpers

  @SuppressWarnings("unchecked")
  static Map<String, Object> ai(Map<String, Object> line) {
    assertThat(line).containsKey("ai");
    return (Map<String, Object>) ((Map<String, Object>) line.get("ai")).get("proxy");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> meta(Map<String, Object> proxy) {
    return (Map<String, Object>) proxy.get("meta");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> usage(Map<String, Object> proxy) {
    return (Map<String, Object>) proxy.get("usage");
  }

  /** The access-log line of the request to {@code path}, waiting for the log's batch to reach the file. */
  static Map<String, Object> awaitLogLine(String path) throws IOException, InterruptedException {
    Path log = AiProxyTestSupport.log;
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      for (String l : Files.readAllLines(log)) {
        Map<String, Object> line = Json.parseObject(l);
        if (String.valueOf(line.get("path")).startsWith(path)) {
          return line;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no access-log line for " + path);
  }
}
