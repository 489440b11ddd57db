package dev.llmgateway.internal.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import dev.llmgateway.plugin.ClientRequest;
import dev.llmgateway.plugin.MutableHeaders;
import dev.llmgateway.plugin.RequestKey;
import dev.llmgateway.plugin.ResponseContext;
import dev.llmgateway.internal.plugins.testing.TestHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageMeterTest {
  private static final LlmRequest REQUEST = new LlmRequest("openai", "m", true, false, true, 40, 100,
      System.nanoTime(), true);

  /** Just enough of a response for the meter: status, headers and attributes. */
  static final class Response implements ResponseContext {
    final TestHeaders headers = new TestHeaders();
    final Map<RequestKey<?>, Object> attributes = new HashMap<>();
    final int status;

    Response(int status, String contentType) {
      this.status = status;
      headers.set("Content-Type", contentType);
    }

    @Override public int status() { return status; }
    @Override public boolean proxied() { return true; }
    @Override public MutableHeaders responseHeaders() { return headers; }
    @Override public ClientRequest request() { return null; }
    @Override public Route route() { return null; }
    @Override public Service service() { return null; }
    @Override public Consumer consumer() { return null; }
    @Override public String credentialId() { return null; }
    @Override public String requestId() { return "r"; }
    @Override public <T> T get(RequestKey<T> key) { return key.cast(attributes.get(key)); }
    @Override public <T> void put(RequestKey<T> key, T value) { attributes.put(key, value); }
  }

  private static LlmStats run(Response response, boolean complete, String... chunks) {
    UsageMeter meter = UsageMeter.of(REQUEST, response);
    for (String c : chunks) {
      meter.onChunk(ByteBuffer.wrap(c.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer());
    }
    meter.onEnd(complete);
    meter.onEnd(!complete); // once only
    return response.get(LlmStats.KEY);
  }

  private static String delta(String content) {
    return "data: {\"model\":\"served-m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content
        + "\"}}]}\n\n";
  }

  @Test
  void streamWithUsageChunkIsExact() {
    LlmStats s = run(new Response(200, "text/event-stream; charset=utf-8"), true, delta("a"), delta("b") + delta("c"),
        "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3,\"total_tokens\":12}}\n\n",
        "data: [DONE]\n\n");
    assertThat(s).isEqualTo(new LlmStats("openai", "m", "served-m", 9, 3, 12, s.ttftMillis(), s.tpotMillis(), true,
        false));
    assertThat(s.ttftMillis()).isGreaterThanOrEqualTo(0);
    assertThat(s.tpotMillis()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void streamCutShortCountsWhatWasDeliveredAsPartial() {
    LlmStats s = run(new Response(200, "text/event-stream"), false, delta("a"), delta("b"), "data: {\"choi");
    assertThat(s.partial()).isTrue();
    assertThat(s.completionTokens()).isEqualTo(2);
    assertThat(s.promptTokens()).isEqualTo(40);
    assertThat(s.totalTokens()).isEqualTo(42);
  }

  @Test
  void streamWithoutUsageIsEstimatedAndPartial() {
    LlmStats s = run(new Response(200, "text/event-stream"), true, delta("a"), delta("b"), delta("c"),
        "data: [DONE]\n\n");
    assertThat(s.partial()).isTrue();
    assertThat(s.completionTokens()).isEqualTo(3);
  }

  @Test
  void malformedEventsMakeItPartial() {
    LlmStats s = run(new Response(200, "text/event-stream"), true, delta("a"), "data: {not json}\n\n",
        "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}\n\n",
        "data: [DONE]\n\n");
    assertThat(s.partial()).isTrue();
    assertThat(s.promptTokens()).isEqualTo(1);
  }

  @Test
  void aCutEventAfterTheFirstOutputMakesItPartialAndIsNotCounted() {
    // Events past the first output are counted without a parse; a cut one must still be noticed.
    LlmStats s = run(new Response(200, "text/event-stream"), true, delta("a"),
        "data: {\"choices\":[{\"delta\":{\"content\":\"b\n\n", delta("c"),
        "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}\n\n",
        "data: [DONE]\n\n");
    assertThat(s.partial()).isTrue();
    assertThat(s.promptTokens()).isEqualTo(5);
    assertThat(s.completionTokens()).isEqualTo(2);
  }

  @Test
  void eventsBeforeTheFirstOutputAreParsedAndNotCounted() {
    String role = "data: {\"model\":\"served-m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
        + "\"content\":\"\"}}]}\n\n";
    LlmStats s = run(new Response(200, "text/event-stream"), false, role, role, delta("a"), delta("b"));
    assertThat(s.completionTokens()).isEqualTo(2);
    assertThat(s.responseModel()).isEqualTo("served-m");
  }

  @Test
  void aUsageObjectInEveryEventIsReadEachTime() {
    // vLLM's continuous_usage_stats: every event carries the running usage; the last one wins.
    String running = "data: {\"model\":\"served-m\",\"choices\":[{\"delta\":{\"content\":\"x\"}}],"
        + "\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":%d,\"total_tokens\":%d}}\n\n";
    LlmStats s = run(new Response(200, "text/event-stream"), true, running.formatted(1, 5), running.formatted(2, 6),
        running.formatted(3, 7), "data: [DONE]\n\n");
    assertThat(s).extracting(LlmStats::promptTokens, LlmStats::completionTokens, LlmStats::totalTokens,
        LlmStats::partial).containsExactly(4L, 3L, 7L, false);
  }

  @Test
  void openAiStyleNullUsageOnEveryChunkIsCountedLikeAnyOutputHoweverSplit() {
    // OpenAI puts "usage":null in every chunk of a stream that asked for usage: that is no usage to parse, and the
    // chunk counts as output whether it comes alone (the meter's shortcut) or split or joined (the framer).
    String n = "data: {\"model\":\"served-m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%s\"}}],"
        + "\"usage\" : null }\n\n";
    String stream = n.formatted("a") + n.formatted("b") + n.formatted("c") + n.formatted("d");
    LlmStats whole = run(new Response(200, "text/event-stream"), false, n.formatted("a"), n.formatted("b"),
        n.formatted("c") + n.formatted("d"));
    assertThat(whole.completionTokens()).isEqualTo(4);
    assertThat(whole.partial()).isTrue();
    for (int split = 1; split < stream.length(); split += 7) {
      LlmStats s = run(new Response(200, "text/event-stream"), false, stream.substring(0, split),
          stream.substring(split));
      assertThat(s.completionTokens()).as("split at %d", split).isEqualTo(4);
    }
    String usage = "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":4,"
        + "\"total_tokens\":13}}\n\n";
    LlmStats exact = run(new Response(200, "text/event-stream"), true, n.formatted("a"), n.formatted("b"),
        n.formatted("c"), n.formatted("d"), usage, "data: [DONE]\n\n");
    assertThat(exact).extracting(LlmStats::promptTokens, LlmStats::completionTokens, LlmStats::totalTokens,
        LlmStats::partial).containsExactly(9L, 4L, 13L, false);
  }

  @Test
  void aWholeEventThatIsNotPlainOutputStillGoesThroughTheFramer() {
    // Shapes the meter's shortcut must leave to the framer: a usage object, a comment line, two data lines, CRLF.
    // Cut short, so each is seen to count once: completion is the events delivered, more than the usage said.
    LlmStats s = run(new Response(200, "text/event-stream"), false, delta("a"),
        "data: {\"choices\":[{\"delta\":{\"content\":\"b\"}}],\"usage\":{\"prompt_tokens\":2,"
            + "\"completion_tokens\":1,\"total_tokens\":3}}\n\n",
        ": ping\ndata: {\"x\":1}\n\n", "data: {\"x\":1}\ndata: {\"y\":2}\n\n", "data: {\"x\":1}\r\n\r\n");
    assertThat(s).extracting(LlmStats::promptTokens, LlmStats::completionTokens, LlmStats::partial)
        .containsExactly(2L, 5L, true);
  }

  @Test
  void jsonBodyInPieces() {
    LlmStats s = run(new Response(200, "application/json"), true, "{\"model\":\"r\",\"choices\":[{\"message\":",
        "{\"content\":\"x\"}}],\"usage\":{\"prompt_tokens\":3,\"comp", "letion_tokens\":4,\"total_tokens\":7}}");
    assertThat(s).extracting(LlmStats::responseModel, LlmStats::promptTokens, LlmStats::completionTokens,
        LlmStats::totalTokens, LlmStats::streamed, LlmStats::partial).containsExactly("r", 3L, 4L, 7L, false, false);
  }

  @Test
  void errorResponsesCountNothing() {
    LlmStats s = run(new Response(500, "application/json"), true, "{\"error\":{\"message\":\"x\"}}");
    assertThat(s.totalTokens()).isZero();
    assertThat(s.partial()).isFalse();
    assertThat(s.responseModel()).isEqualTo("m");
  }
}
