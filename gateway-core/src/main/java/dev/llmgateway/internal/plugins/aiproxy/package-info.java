/**
 * Kong's {@code ai-proxy} plugin for the providers that speak OpenAI's API ({@code openai}, also pointed at vLLM or
 * SGLang with {@code model.options.upstream_url}; {@code llama2} and {@code mistral} in their {@code openai}
 * format): Kong's schema, checks, request validation and error bodies, with exact usage accounting.
 */
package dev.llmgateway.internal.plugins.aiproxy;
