package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.internal.llm.LlmRequest;
import dev.llmgateway.internal.llm.LlmStats;
import dev.llmgateway.plugin.RequestState;

/** Which LLM figures reach the access log: those of a request whose plugin asked for statistics to be logged. */
final class LlmLogging {
  private LlmLogging() {}

  static LlmStats stats(RequestState ctx) {
    LlmStats stats = ctx.get(LlmStats.KEY);
    return stats != null && LlmRequest.statisticsLogged(ctx) ? stats : null;
  }
}
