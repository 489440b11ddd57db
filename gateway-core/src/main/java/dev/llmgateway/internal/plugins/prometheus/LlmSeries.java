package dev.llmgateway.internal.plugins.prometheus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The LLM meters of one route, consumer, provider and model: Kong's {@code kong_ai_llm_*} family and the
 * OpenTelemetry GenAI instruments (names and buckets of the semantic conventions; Micrometer's Prometheus
 * registry turns {@code gen_ai.server.time_to_first_token} into {@code gen_ai_server_time_to_first_token_seconds}).
 */
final class LlmSeries {
  final Counter kongRequests;
  final Counter kongPromptTokens;
  final Counter kongCompletionTokens;
  final Counter kongTotalTokens;
  final DistributionSummary kongProviderLatency;
  final DistributionSummary inputTokens;
  final DistributionSummary outputTokens;
  final Timer timeToFirstToken;
  final Timer timePerOutputToken;
  final Timer serverDuration;
  private final ConcurrentMap<String, Timer> operationDuration = new ConcurrentHashMap<>();
  private final MeterRegistry registry;
  private final Tags genAi;

  LlmSeries(RouteMeters route, String consumer, String provider, String model) {
    registry = route.registry();
    Tags kong = Tags.of("ai_provider", provider, "ai_model", model, "cache_status", "", "vector_db", "",
        "embeddings_provider", "", "embeddings_model", "", "workspace", RouteMeters.WORKSPACE);
    kongRequests = Counter.builder("kong.ai.llm.requests").description("AI requests total per ai_provider in Kong")
        .tags(kong).register(registry);
    kongPromptTokens = kongTokens(kong, "prompt_tokens");
    kongCompletionTokens = kongTokens(kong, "completion_tokens");
    kongTotalTokens = kongTokens(kong, "total_tokens");
    kongProviderLatency = DistributionSummary.builder("kong.ai.llm.provider.latency.ms")
        .description("LLM response Latency for each AI plugins per ai_provider in Kong")
        .serviceLevelObjectives(Buckets.AI_LATENCY_MS).tags(kong).register(registry);
    genAi = Tags.of("service", route.serviceLabel, "route", route.routeLabel, "consumer", consumer,
        "gen_ai.operation.name", "chat", "gen_ai.provider.name", provider, "gen_ai.request.model", model);
    inputTokens = tokens("input");
    outputTokens = tokens("output");
    timeToFirstToken = seconds("gen_ai.server.time_to_first_token", "Time to generate the first token",
        Buckets.TTFT);
    timePerOutputToken = seconds("gen_ai.server.time_per_output_token",
        "Time per output token after the first, for successful responses", Buckets.TPOT);
    serverDuration = seconds("gen_ai.server.request.duration", "Time from the request to the last token",
        Buckets.DURATION);
  }

  private Counter kongTokens(Tags kong, String type) {
    return Counter.builder("kong.ai.llm.tokens").description("AI tokens total per ai_provider in Kong")
        .tags(kong).tag("token_type", type).register(registry);
  }

  private DistributionSummary tokens(String type) {
    return DistributionSummary.builder("gen_ai.client.token.usage").description("Number of input and output tokens used")
        .serviceLevelObjectives(Buckets.TOKENS).tags(genAi).tag("gen_ai.token.type", type).register(registry);
  }

  private Timer seconds(String name, String help, Duration[] buckets) {
    return Timer.builder(name).description(help).serviceLevelObjectives(buckets).tags(genAi).register(registry);
  }

  /** {@code gen_ai.client.operation.duration} with {@code error.type} empty for success, else the status. */
  Timer operationDuration(String errorType) {
    Timer s = operationDuration.get(errorType);
    if (s == null) {
      s = operationDuration.computeIfAbsent(errorType, e -> seconds0("gen_ai.client.operation.duration",
          "GenAI operation duration", e));
    }
    return s;
  }

  private Timer seconds0(String name, String help, String errorType) {
    return Timer.builder(name).description(help).serviceLevelObjectives(Buckets.DURATION).tags(genAi)
        .tag("error.type", errorType).register(registry);
  }
}
