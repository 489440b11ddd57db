package dev.llmgateway.internal.llm;

/**
 * Implemented by plugins that make their route an OpenAI API: when {@link #openAiErrors()} is true, the gateway's
 * own error answers on the route (401, 403, 404, 413, 429, 502, 503, 504...) carry OpenAI's {@code error} object
 * beside Kong's {@code message}, so OpenAI SDKs show the reason.
 */
public interface OpenAiRoute {
  boolean openAiErrors();
}
