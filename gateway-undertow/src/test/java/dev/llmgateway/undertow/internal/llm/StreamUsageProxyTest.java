package dev.llmgateway.undertow.internal.llm;

import static dev.llmgateway.undertow.internal.llm.AiProxyTest.ai;
import static dev.llmgateway.undertow.internal.llm.AiProxyTest.awaitLogLine;
import static dev.llmgateway.undertow.internal.llm.AiProxyTest.usage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.plugins.aiproxy.AiProxyType;
import dev.llmgateway.internal.plugins.testing.MutableClock;
import dev.llmgateway.undertow.embed.AccessLogOptions;
import dev.llmgateway.undertow.internal.plugins.StackGateway;
import dev.llmgateway.undertow.internal.testing.RawHttpConnection;
import dev.llmgateway.undertow.internal.testing.StubRequest;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Streams through ai-proxy: the gateway asks the engine for the usage chunk and hides it from a client that did
 * not ask (byte-identical otherwise), usage is exact, and a stream the client leaves is recorded as partial.
 */
class StreamUsageProxyTest {
  private static StackGateway gw;
  private static Path log;
  private static StubUpstream engine;

  @BeforeAll
  static void start() throws Exception {
    log = Files.createTempFile("stream-usage", ".jsonl");
    gw = StackGateway.start(new MutableClock(Instant.parse("2026-12-01T00:00:00Z")),
        AccessLogOptions.file(log).asJson(), List.of(new AiProxyType()));
    AiProxyTestSupport.gw = gw;
    AiProxyTestSupport.log = log;
    engine = StubUpstream.start(OpenAiStub.engine("served"));
  }

  @AfterAll
  static void stop() throws Exception {
    engine.close();
    gw.close();
    Files.deleteIfExists(log);
  }

  private static String route(String extra) {
    String p = AiProxyTestSupport.route();
    AiProxyTestSupport.pluginOk(p, "{\"route_type\":\"llm/v1/chat\",\"model\":{\"provider\":\"openai\",\"options\":"
        + "{\"upstream_url\":\"" + engine.url() + "/v1/chat/completions\"}},\"logging\":{\"log_statistics\":true}"
        + extra + "}");
    return p;
  }

  /** What the engine streams for a chat, with or without its usage chunk. */
  private static String engineStream(boolean usage) {
    StringBuilder b = new StringBuilder();
    for (String t : OpenAiStub.TOKENS) {
      b.append("data: ").append(OpenAiStub.chunk("served", true, t)).append("\n\n");
    }
    if (usage) {
      b.append("data: {\"id\":\"cmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"served\","
          + "\"choices\":[],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":4,\"total_tokens\":15}}\n\n");
    }
    return b.append("data: [DONE]\n\n").toString();
  }

  private static String stream(String path, String body) throws Exception {
    try (RawHttpConnection c = RawHttpConnection.open(gw.proxyPort())) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      c.write("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
          + bytes.length + "\r\n\r\n");
      c.write(bytes);
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("Content-Length")).isNull();
      return new String(c.readBody(head), StandardCharsets.UTF_8);
    }
  }

  private static final String ASK = "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
      + "\"Tell me a story\"}]%s}";

  @Test
  void usageIsAskedForAndHiddenFromAClientThatDidNotAsk() throws Exception {
    String p = route("");
    String received = stream(p, String.format(ASK, ""));
    assertThat(received).isEqualTo(engineStream(false));
    StubRequest up = engine.takeRequest(Duration.ofSeconds(5));
    assertThat(Json.parseObject(up.bodyText())).containsEntry("stream_options", Map.of("include_usage", true));
    Map<String, Object> u = usage(ai(awaitLogLine(p)));
    assertThat(u).containsEntry("prompt_tokens", 11L).containsEntry("completion_tokens", 4L)
        .containsEntry("total_tokens", 15L).containsEntry("streamed", true).containsEntry("partial", false);
  }

  @Test
  void aClientThatAskedGetsTheUsageChunkUntouched() throws Exception {
    String p = route("");
    String received = stream(p, String.format(ASK, ",\"stream_options\":{\"include_usage\":true}"));
    assertThat(received).isEqualTo(engineStream(true));
    engine.takeRequest(Duration.ofSeconds(5));
    assertThat(usage(ai(awaitLogLine(p)))).containsEntry("total_tokens", 15L).containsEntry("partial", false);
  }

  @Test
  void withoutInjectionUsageIsEstimatedAndFlagged() throws Exception {
    String p = route(",\"include_stream_usage\":false");
    assertThat(stream(p, String.format(ASK, ""))).isEqualTo(engineStream(false));
    assertThat(Json.parseObject(engine.takeRequest(Duration.ofSeconds(5)).bodyText()))
        .doesNotContainKey("stream_options");
    Map<String, Object> u = usage(ai(awaitLogLine(p)));
    assertThat(u).containsEntry("completion_tokens", 4L).containsEntry("partial", true);
    assertThat((Long) u.get("prompt_tokens")).isPositive();
  }

  @Test
  void aClientThatLeavesMidStreamIsRecordedAsPartial() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (StubUpstream slow = StubUpstream.start(ex -> {
      ex.startChunked(200, "text/event-stream");
      ex.write("data: " + OpenAiStub.chunk("served", true, "one") + "\n\n");
      ex.write("data: " + OpenAiStub.chunk("served", true, "two") + "\n\n");
      release.await(10, TimeUnit.SECONDS);
      ex.close();
    })) {
      String p = AiProxyTestSupport.route();
      AiProxyTestSupport.pluginOk(p, "{\"route_type\":\"llm/v1/chat\",\"model\":{\"provider\":\"openai\","
          + "\"options\":{\"upstream_url\":\"" + slow.url() + "/v1/chat/completions\"}},"
          + "\"logging\":{\"log_statistics\":true}}");
      RawHttpConnection c = RawHttpConnection.open(gw.proxyPort());
      byte[] body = String.format(ASK, "").getBytes(StandardCharsets.UTF_8);
      c.write("POST " + p + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
          + body.length + "\r\n\r\n");
      c.write(body);
      assertThat(c.readHead().status()).isEqualTo(200);
      StringBuilder seen = new StringBuilder();
      while (!seen.toString().contains("two")) {
        seen.append(new String(c.readChunk(), StandardCharsets.UTF_8));
      }
      c.abort();
      Map<String, Object> line = awaitLogLine(p);
      release.countDown();
      Map<String, Object> u = usage(ai(line));
      assertThat(u).containsEntry("partial", true).containsEntry("completion_tokens", 2L);
      assertThat(line.get("status")).isEqualTo(200L);
    }
  }

  @Test
  void anOpenAiStyleEngineWithNullUsageOnEveryChunkIsPassedByteForByteAndCountedExactly() throws Exception {
    // OpenAI puts "usage":null in every chunk once include_usage is asked for: those chunks are no usage chunk,
    // go to the client untouched, and only the final one with a usage object is hidden.
    String nullUsage = ",\"usage\":null}";
    StringBuilder expected = new StringBuilder();
    for (String t : OpenAiStub.TOKENS) {
      String c = OpenAiStub.chunk("served", true, t);
      expected.append("data: ").append(c, 0, c.length() - 1).append(nullUsage).append("\n\n");
    }
    expected.append("data: [DONE]\n\n");
    try (StubUpstream openAi = StubUpstream.start(ex -> {
      ex.startChunked(200, "text/event-stream");
      String sent = expected.toString();
      int usageAt = sent.indexOf("data: [DONE]");
      ex.write(sent.substring(0, usageAt));
      ex.write("data: {\"id\":\"cmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"served\","
          + "\"choices\":[],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":4,\"total_tokens\":15}}\n\n");
      ex.write(sent.substring(usageAt));
      ex.end();
    })) {
      String p = AiProxyTestSupport.route();
      AiProxyTestSupport.pluginOk(p, "{\"route_type\":\"llm/v1/chat\",\"model\":{\"provider\":\"openai\","
          + "\"options\":{\"upstream_url\":\"" + openAi.url() + "/v1/chat/completions\"}},"
          + "\"logging\":{\"log_statistics\":true}}");
      assertThat(stream(p, String.format(ASK, ""))).isEqualTo(expected.toString());
      Map<String, Object> u = usage(ai(awaitLogLine(p)));
      assertThat(u).containsEntry("prompt_tokens", 11L).containsEntry("completion_tokens", 4L)
          .containsEntry("total_tokens", 15L).containsEntry("partial", false);
    }
  }
}
