package dev.llmgateway.internal.plugins.aiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.pipeline.ConfigBinder;
import dev.llmgateway.internal.plugins.testing.TestGateway;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ai-proxy's config record bound by the gateway reads as the hand-written binding did: absent parts, nulls, caps. */
class AiProxyConfigBindingTest {
  private final TestGateway gw = new TestGateway(new AiProxyType());
  private final ConfigBinder<AiProxyConfig> binder =
      ConfigBinder.of("ai-proxy", AiProxyConfig.class, AiProxyConfig.SCHEMA);

  private AiProxyConfig bind(Map<String, Object> config) {
    return binder.bind(gw.validatePlugin("ai-proxy", config, Map.of()).record("config"));
  }

  private static Map<String, Object> minimal() {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("route_type", "llm/v1/chat");
    in.put("model", Map.of("provider", "openai"));
    in.put("logging", Map.of());
    return in;
  }

  @Test
  void absentRecordsAndDefaultsReadAsBefore() {
    AiProxyConfig c = bind(minimal());
    assertThat(c.auth()).isEqualTo(AiProxyConfig.Auth.NONE);
    assertThat(c.model().options()).isEqualTo(AiProxyConfig.Options.NONE);
    assertThat(c.logging().logStatistics()).isFalse();
    assertThat(c.responseStreaming()).isEqualTo("allow");
    assertThat(c.llmFormat()).isEqualTo("openai");
    assertThat(c.modelNameHeader()).isTrue();
    assertThat(c.includeStreamUsage()).isTrue();
    assertThat(c.bodyCap()).isEqualTo(AiProxyConfig.DEFAULT_BODY_CAP);
  }

  @Test
  void explicitNullsReadAsTheDefaults() {
    Map<String, Object> in = minimal();
    in.put("response_streaming", null);
    in.put("llm_format", null);
    in.put("model_name_header", null);
    in.put("include_stream_usage", null);
    AiProxyConfig c = bind(in);
    assertThat(c.responseStreaming()).isEqualTo("allow");
    assertThat(c.llmFormat()).isEqualTo("openai");
    assertThat(c.modelNameHeader()).isTrue();
    assertThat(c.includeStreamUsage()).isTrue();
  }

  @Test
  void everyFieldIsReadAndHugeNumbersAreCappedNotRefused() {
    Map<String, Object> in = minimal();
    Map<String, Object> options = new HashMap<>();
    options.put("max_tokens", 10_000_000_000L);
    options.put("temperature", 0.5);
    options.put("top_k", 40L);
    options.put("upstream_url", "http://127.0.0.1:9/v1/chat/completions");
    in.put("model", Map.of("provider", "openai", "name", "llama", "options", options));
    in.put("auth", Map.of("param_name", "key", "param_value", "s3cret", "param_location", "body",
        "allow_override", true));
    in.put("logging", Map.of("log_statistics", true));
    in.put("max_request_body_size", 10_000_000_000L);
    in.put("response_streaming", "deny");
    AiProxyConfig c = bind(in);
    assertThat(c.model().name()).isEqualTo("llama");
    assertThat(c.model().options().upstreamMaxTokens()).isEqualTo((long) Integer.MAX_VALUE);
    assertThat(c.model().options().temperature()).isEqualTo(0.5);
    assertThat(c.model().options().topK()).isEqualTo(40);
    assertThat(c.model().options().upstreamUrl()).isEqualTo("http://127.0.0.1:9/v1/chat/completions");
    assertThat(c.auth().paramLocation()).isEqualTo("body");
    assertThat(c.auth().allowOverride()).isTrue();
    assertThat(c.logging().logStatistics()).isTrue();
    assertThat(c.bodyCap()).isEqualTo(Integer.MAX_VALUE);
    assertThat(c.responseStreaming()).isEqualTo("deny");
  }
}
