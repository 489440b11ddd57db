package dev.llmgateway.undertow.internal.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.llm.LlmPayloads;
import dev.llmgateway.internal.plugins.aiproxy.AiProxyType;
import dev.llmgateway.internal.plugins.filelog.FileLogType;
import dev.llmgateway.internal.plugins.testing.MutableClock;
import dev.llmgateway.undertow.embed.AccessLogOptions;
import dev.llmgateway.undertow.internal.plugins.StackGateway;
import dev.llmgateway.undertow.internal.testing.StubRequest;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import java.net.http.HttpResponse;
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
 * ai-proxy's {@code logging.log_payloads} through a real gateway into file-log's JSON (Kong's
 * {@code ai.proxy.payload.request} / {@code .response}): the request as sent upstream without the key, the response
 * as the upstream sent it (a stream as its raw events, while the client still gets the stream as it comes), bodies
 * cut at the cap with a flag, and no key anywhere in the line.
 */
class PayloadLoggingTest {
  private static final String KEY = "sk-secret-0123456789";
  private static final String PARAM_KEY = "pk-secret-9876543210";
  private static StackGateway gw;
  private static StubUpstream engine;
  private static Path dir;

  @BeforeAll
  static void start() throws Exception {
    gw = StackGateway.start(new MutableClock(Instant.parse("2026-12-01T00:00:00Z")), AccessLogOptions.off(),
        List.of(new AiProxyType(), new FileLogType()));
    engine = StubUpstream.start(ex -> {
      if (ex.request().bodyText().contains("\"big\"")) {
        ex.respond(200, "application/json", "{\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"content\":\""
            + "x".repeat(LlmPayloads.MAX_BYTES + 100) + "\"}}],\"usage\":{\"prompt_tokens\":1,"
            + "\"completion_tokens\":2,\"total_tokens\":3}}");
        return;
      }
      OpenAiStub.engine("m").handle(ex);
    });
    dir = Files.createTempDirectory("payloads");
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
    engine.close();
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  /** A route with ai-proxy (key in a header and in the body) and file-log into its own file. */
  private static Path route(String name, boolean logPayloads) {
    gw.adminForm("POST", "/services", "name=" + name + "&url=http://127.0.0.1:9/unused");
    gw.adminForm("POST", "/services/" + name + "/routes", "name=" + name + "&paths[]=/" + name);
    HttpResponse<String> r = gw.admin("POST", "/routes/" + name + "/plugins", "{\"name\":\"ai-proxy\",\"config\":{"
        + "\"route_type\":\"llm/v1/chat\",\"auth\":{\"header_name\":\"Authorization\",\"header_value\":\"Bearer "
        + KEY + "\",\"param_name\":\"api_key\",\"param_value\":\"" + PARAM_KEY + "\",\"param_location\":\"body\"},"
        + "\"model\":{\"provider\":\"openai\",\"name\":\"m\",\"options\":{\"upstream_url\":\"" + engine.url()
        + "/v1/chat/completions\"}},\"logging\":{\"log_statistics\":true,\"log_payloads\":" + logPayloads + "}}}",
        "Content-Type", "application/json");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    Path file = dir.resolve(name + ".log");
    r = gw.admin("POST", "/routes/" + name + "/plugins", "{\"name\":\"file-log\",\"config\":{\"path\":\""
        + file + "\"}}", "Content-Type", "application/json");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return file;
  }

  private static String line(Path file) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      String text = Files.exists(file) ? Files.readString(file) : "";
      if (text.endsWith("\n")) { // a line is complete only with its newline: a big one reaches the file in pieces
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(1);
        return lines.get(0);
      }
      assertThat(System.nanoTime()).as("a log line in " + file).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> payload(String line) {
    Map<String, Object> proxy = (Map<String, Object>) ((Map<String, Object>) Json.parseObject(line).get("ai"))
        .get("proxy");
    return (Map<String, Object>) proxy.get("payload");
  }

  private static HttpResponse<String> chat(String path, String body) {
    return gw.proxy("POST", path, body, "Content-Type", "application/json", "Authorization", "Bearer client-own");
  }

  @Test
  void aJsonCallLogsTheRequestAsSentWithoutKeysAndTheResponse() throws Exception {
    Path file = route("pl-json", true);
    HttpResponse<String> r = chat("/pl-json", "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    StubRequest up = engine.takeRequest(Duration.ofSeconds(5));
    assertThat(up.bodyText()).as("the key is sent upstream").contains(PARAM_KEY);
    String line = line(file);
    Map<String, Object> payload = payload(line);
    Map<String, Object> sent = Json.parseObject(up.bodyText());
    sent.remove("api_key");
    assertThat(Json.parseObject((String) payload.get("request"))).isEqualTo(sent);
    assertThat(payload.get("response")).isEqualTo(r.body());
    assertThat(payload).doesNotContainKeys("request_truncated", "response_truncated");
    assertThat(line).doesNotContain(KEY).doesNotContain(PARAM_KEY).doesNotContain("client-own");
  }

  @Test
  void aStreamIsLoggedAsTheUpstreamSentItWhileTheClientGetsItsOwnBytes() throws Exception {
    Path file = route("pl-stream", true);
    HttpResponse<String> r = chat("/pl-stream", "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    engine.takeRequest(Duration.ofSeconds(5));
    String response = (String) payload(line(file)).get("response");
    assertThat(response).as("the usage chunk the gateway asked for is in the log").startsWith(r.body()
        .substring(0, r.body().indexOf("data: [DONE]"))).contains("\"usage\":{\"prompt_tokens\":11")
        .endsWith("data: [DONE]\n\n");
    assertThat(r.body()).as("and hidden from the client").doesNotContain("\"usage\"");
  }

  @Test
  void bodiesOverTheCapAreCutAndFlagged() throws Exception {
    Path file = route("pl-big", true);
    HttpResponse<String> r = chat("/pl-big", "{\"big\":true,\"messages\":[{\"role\":\"user\",\"content\":\""
        + "y".repeat(LlmPayloads.MAX_BYTES) + "\"}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body().length()).as("the client gets it all").isGreaterThan(LlmPayloads.MAX_BYTES + 100);
    engine.takeRequest(Duration.ofSeconds(5));
    Map<String, Object> payload = payload(line(file));
    assertThat((String) payload.get("response")).hasSize(LlmPayloads.MAX_BYTES);
    assertThat((String) payload.get("request")).hasSize(LlmPayloads.MAX_BYTES);
    assertThat(payload).containsEntry("request_truncated", true).containsEntry("response_truncated", true);
  }

  @Test
  void withoutLogPayloadsThereIsNoPayload() throws Exception {
    Path file = route("pl-off", false);
    assertThat(chat("/pl-off", "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}").statusCode())
        .isEqualTo(200);
    engine.takeRequest(Duration.ofSeconds(5));
    String line = line(file);
    assertThat(payload(line)).isNull();
    assertThat(line).doesNotContain("Hello from the stub");
  }

}
