package dev.llmgateway.internal.llm;

import dev.llmgateway.plugin.RequestKey;
import dev.llmgateway.plugin.RequestState;
import java.util.Objects;

/**
 * What the access phase learned about an LLM request, kept under {@link #KEY} for the response phases: who
 * serves it, the model asked for, whether it streams, whether the client itself asked for stream usage, and the
 * token estimates a budget reserves.
 *
 * @param provider the provider name recorded in {@link LlmStats}
 * @param model the model the request names upstream (after any rewrite), or null
 * @param stream whether a stream was asked for
 * @param clientAskedUsage whether the client sent {@code stream_options.include_usage: true} itself
 * @param usageInjected whether the gateway added {@code include_usage} upstream (the usage chunk is then hidden)
 * @param promptEstimate a rough prompt token count (about four bytes of text a token)
 * @param maxTokens the request's {@code max_tokens} / {@code max_completion_tokens}, or -1
 * @param startNanos {@link System#nanoTime()} when the access phase saw the request
 * @param logStatistics whether the logs (access log, file-log, http-log) carry the request's LLM figures
 *     (ai-proxy's {@code logging.log_statistics}); the stats are published for metrics and budgets either way
 */
public record LlmRequest(String provider, String model, boolean stream, boolean clientAskedUsage,
    boolean usageInjected, long promptEstimate, long maxTokens, long startNanos, boolean logStatistics) {

  /** Where the access phase leaves the request for the later phases. */
  public static final RequestKey<LlmRequest> KEY = RequestKey.of("llm.request", LlmRequest.class);

  public LlmRequest {
    Objects.requireNonNull(provider, "provider");
  }

  /**
   * Whether a request's LLM figures may be logged: always, unless the plugin that read it turned
   * {@code log_statistics} off (Kong then writes no {@code ai} field). Figures a plugin of the user's own measured,
   * with no {@link LlmRequest}, are logged.
   */
  public static boolean statisticsLogged(RequestState ctx) {
    LlmRequest request = ctx.get(KEY);
    return request == null || request.logStatistics();
  }
}
