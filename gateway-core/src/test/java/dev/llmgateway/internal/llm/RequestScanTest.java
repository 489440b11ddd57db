package dev.llmgateway.internal.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestScanTest {
  private static RequestScan scan(String body) {
    return RequestScan.of(body.getBytes(StandardCharsets.UTF_8));
  }

  private static String rewrite(String body, String model, boolean usage) {
    return new String(scan(body).rewrite(model, usage), StandardCharsets.UTF_8);
  }

  @Test
  void readsTheRoutingFields() {
    RequestScan s = scan("{\"messages\":[{\"role\":\"user\",\"content\":\"model\"}], \"model\" : \"llama\","
        + "\"stream\":true,\"max_tokens\":64,\"stream_options\":{\"include_usage\":true}}");
    assertThat(s.json()).isTrue();
    assertThat(s.model()).isEqualTo("llama");
    assertThat(s.stream()).isTrue();
    assertThat(s.asksStreamUsage()).isTrue();
    assertThat(s.maxTokens()).isEqualTo(64);
    assertThat(scan("{\"model\":\"m\",\"stream\":false,\"max_completion_tokens\":9,\"max_tokens\":3}").maxTokens())
        .isEqualTo(9);
    assertThat(scan("{\"model\":\"m\"").json()).isFalse();
    assertThat(scan("{\"x\":{\"model\":\"m\"}}").model()).isNull();
  }

  @Test
  void editsOnlyTheBytesItMust() {
    String body = "{ \"model\":\"alias\",\n  \"messages\":[],\"stream\":true}";
    assertThat(rewrite(body, "alias", false)).isEqualTo(body);
    assertThat(rewrite(body, "org/real-\"model\"", false))
        .isEqualTo("{ \"model\":\"org/real-\\\"model\\\"\",\n  \"messages\":[],\"stream\":true}");
    assertThat(rewrite(body, "real", true))
        .isEqualTo("{\"stream_options\":{\"include_usage\":true}, \"model\":\"real\",\n  \"messages\":[],\"stream\":true}");
    assertThat(Json.parseObject(rewrite(body, null, true))).containsEntry("stream_options",
        Map.of("include_usage", true));
  }

  @Test
  void existingStreamOptionsAreKept() {
    String body = "{\"model\":\"a\",\"stream\":true,\"stream_options\":{\"continuous_usage_stats\":true}}";
    assertThat(Json.parseObject(rewrite(body, "b", true))).containsEntry("model", "b").containsEntry(
        "stream_options", Map.of("continuous_usage_stats", true, "include_usage", true));
  }
}
