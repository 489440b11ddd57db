package dev.llmgateway.internal.plugins.prometheus;

import dev.llmgateway.internal.llm.LlmStats;
import dev.llmgateway.plugin.LogContext;
import dev.llmgateway.plugin.RequestKey;

/**
 * What one LLM call measured, as the prometheus plugin records it: provider, models, token counts, time to first
 * token and time per output token (milliseconds; negative when not measured), whether it streamed, and whether
 * it ended early. A plugin that measures calls puts it under {@link #KEY} before the log phase.
 */
public record LlmFigures(String provider, String requestModel, String responseModel, long promptTokens,
    long completionTokens, long totalTokens, long ttftMillis, double tpotMillis, boolean streamed,
    boolean partial) {

  /** Where a measuring plugin leaves the figures of a request. */
  public static final RequestKey<LlmFigures> KEY = RequestKey.of("prometheus.llm-figures", LlmFigures.class);

  /**
   * The figures of the request being logged, or null when nothing measured it. The one place that reads them:
   * the metrics and the log serializer's {@code ai} field both come through here.
   */
  public static LlmFigures of(LogContext ctx) {
    LlmStats measured = ctx.get(LlmStats.KEY);
    if (measured == null) {
      return ctx.get(KEY); // a plugin of the user's own may measure instead
    }
    return new LlmFigures(measured.provider(), measured.requestModel(), measured.responseModel(),
        measured.promptTokens(), measured.completionTokens(), measured.totalTokens(),
        measured.ttftMillis() < 0 ? -1 : Math.round(measured.ttftMillis()), measured.tpotMillis(),
        measured.streamed(), measured.partial());
  }
}
