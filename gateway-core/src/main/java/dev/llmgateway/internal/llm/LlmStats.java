package dev.llmgateway.internal.llm;

import dev.llmgateway.plugin.RequestKey;
import java.util.Objects;

/**
 * What one LLM request cost and how fast it was served, published under {@link #KEY} when its response ends (before
 * the log phase runs). This is a stable contract read by the access log, logging plugins and metrics: fields are
 * only ever added, never renamed.
 *
 * @param provider the provider as configured ({@code openai}, {@code llama2}, {@code mistral}) or {@code openai}
 *     for model routing, which speaks the OpenAI format
 * @param requestModel the model the client asked for (after ai-proxy's {@code model.name} or an alias), or null
 * @param responseModel the model named in the response body, else the request model
 * @param promptTokens input tokens; from the response's {@code usage}, else an estimate (then {@code partial})
 * @param completionTokens output tokens; from {@code usage}, else one per streamed output event (then
 *     {@code partial})
 * @param totalTokens prompt plus completion tokens (the upstream's figure when it sent one)
 * @param ttftMillis time to first token: from the access phase to the first output event of a stream, or to the
 *     first response byte otherwise; -1 when no output arrived
 * @param tpotMillis time per output token: for streams (end − first token) / (completion − 1), otherwise
 *     (end − start) / completion; -1 when it cannot be computed
 * @param streamed whether the response was an SSE stream
 * @param partial true when the counts are not all the upstream's own: the stream was cut short (client left,
 *     upstream broke off, malformed events) or no {@code usage} object arrived, so some figures are estimates
 */
public record LlmStats(String provider, String requestModel, String responseModel, long promptTokens,
    long completionTokens, long totalTokens, double ttftMillis, double tpotMillis, boolean streamed,
    boolean partial) {

  /** Where the stats of a request are kept: {@code ctx.get(LlmStats.KEY)} in the log phase (null when none). */
  public static final RequestKey<LlmStats> KEY = RequestKey.of("llm.stats", LlmStats.class);

  public LlmStats {
    Objects.requireNonNull(provider, "provider");
    if (promptTokens < 0 || completionTokens < 0 || totalTokens < 0) {
      throw new IllegalArgumentException("token counts are never negative");
    }
  }
}
