package dev.llmgateway.internal.llm;

import dev.llmgateway.plugin.RequestKey;

/**
 * The bodies of one LLM call as ai-proxy's {@code logging.log_payloads} logs them (Kong's {@code ai.proxy.payload}),
 * published under {@link #KEY} when the response ends: the request as sent upstream without any key the gateway
 * or the client put in the body, and the response as the upstream sent it (an SSE stream as its raw events).
 * Each is cut at {@link #MAX_BYTES} bytes, flagged when it was.
 *
 * @param request the request body text, or null when there was none
 * @param requestTruncated whether the request was longer than {@link #MAX_BYTES}
 * @param response the response body text (possibly empty)
 * @param responseTruncated whether the response was longer than {@link #MAX_BYTES}
 */
public record LlmPayloads(String request, boolean requestTruncated, String response, boolean responseTruncated) {
  /** The most bytes of each body kept for the log. */
  public static final int MAX_BYTES = 64 * 1024;

  /** Where the bodies of a request are kept for the log phase (null when not logged). */
  public static final RequestKey<LlmPayloads> KEY = RequestKey.of("llm.payloads", LlmPayloads.class);
}
