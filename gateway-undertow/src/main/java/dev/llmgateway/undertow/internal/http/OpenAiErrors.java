package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.llm.OpenAiError;
import dev.llmgateway.internal.llm.OpenAiRoute;
import dev.llmgateway.internal.pipeline.PluginPlan;
import dev.llmgateway.plugin.Plugin;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The gateway's own JSON error bodies on a route whose plugins make it an OpenAI API ({@link OpenAiRoute}) gain
 * OpenAI's {@code error} object beside Kong's {@code message}; other routes, and non-JSON error pages, are left
 * as Kong renders them.
 */
final class OpenAiErrors {
  private OpenAiErrors() {}

  /** {@code body} as sent on this request's route: Kong's, or Kong's plus OpenAI's {@code error}. */
  static byte[] decorate(ProxyExchange px, int status, String contentType, byte[] body) {
    if (status < 400 || contentType == null || !contentType.startsWith("application/json") || !openAi(px)) {
      return body;
    }
    try {
      Map<String, Object> kong = Json.parseObject(new String(body, StandardCharsets.UTF_8));
      if (kong.containsKey("error")) {
        return body;
      }
      return OpenAiError.withKongMessage(kong, status).getBytes(StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      return body;
    }
  }

  private static boolean openAi(ProxyExchange px) {
    if (px.upstream.match() == null) {
      return false;
    }
    PluginPlan plan = px.snapshot.plan(px.upstream.match().route());
    java.util.UUID consumer = px.ctx == null || px.ctx.consumer() == null ? null : px.ctx.consumer().id();
    String scheme = px.client.scheme();
    for (int i = 0; i < plan.size(); i++) {
      Plugin p = plan.select(i, consumer, scheme);
      if (p instanceof OpenAiRoute r && r.openAiErrors()) {
        return true;
      }
    }
    return false;
  }
}
