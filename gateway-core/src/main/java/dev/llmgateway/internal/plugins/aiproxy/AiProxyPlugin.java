package dev.llmgateway.internal.plugins.aiproxy;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.llm.LlmRequest;
import dev.llmgateway.internal.llm.OpenAiBody;
import dev.llmgateway.internal.llm.OpenAiRoute;
import dev.llmgateway.internal.llm.PayloadCapture;
import dev.llmgateway.internal.llm.StreamUsage;
import dev.llmgateway.internal.llm.UsageMeter;
import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.BodyObserver;
import dev.llmgateway.plugin.BodyRewriter;
import dev.llmgateway.plugin.MutableHeaders;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.ResponseContext;
import dev.llmgateway.plugin.Verdict;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One ai-proxy instance: validates the OpenAI request as Kong does (its 400 texts in {@code {"error":{"message"}}}),
 * applies {@code model.*} and {@code auth.*}, sends it to the provider's endpoint, names the model in
 * {@code X-Kong-LLM-Model}, and meters the response's token usage without buffering it.
 */
final class AiProxyPlugin implements Plugin, OpenAiRoute {
  private static final String JSON = "application/json; charset=utf-8";
  private static final String CHAT = "llm/v1/chat";
  private static final String COMPLETIONS = "llm/v1/completions";

  private final AiProxyConfig config;
  private final ProviderEndpoint endpoint;
  private final boolean preserve;

  AiProxyPlugin(AiProxyConfig config, UUID pluginId) {
    this.config = config;
    this.endpoint = ProviderEndpoint.of(config, pluginId);
    this.preserve = "preserve".equals(config.routeType());
  }

  @Override
  public boolean openAiErrors() {
    return true;
  }

  @Override
  public int requestBodyLimit() {
    return config.bodyCap();
  }

  @Override
  public Verdict access(AccessContext ctx) {
    long start = System.nanoTime();
    Map<String, Object> body = OpenAiBody.parse(ctx.requestBody());
    boolean messages = OpenAiBody.hasMessages(body);
    boolean prompt = OpenAiBody.hasPrompt(body);
    if (!preserve && !messages && !prompt) {
      return error("request body doesn't contain valid prompts");
    }
    String configured;
    try {
      configured = ModelTemplate.resolve(config.model().name(), ctx.request());
    } catch (ModelTemplate.Unresolved e) {
      return error(e.getMessage());
    }
    String asked = OpenAiBody.model(body);
    if (configured != null && asked != null && !asked.equals(configured)) {
      return error("cannot use own model - must be: " + configured);
    }
    String model = configured != null ? configured : asked;
    if (model == null && !preserve) {
      return error("model parameter not found in request, nor in gateway configuration");
    }
    if (!preserve) {
      if (messages && prompt) {
        return error("request matches multiple LLM request formats");
      }
      if (messages && COMPLETIONS.equals(config.routeType())) {
        return error("[llm/v1/chat] message format is not compatible with [llm/v1/completions] route type");
      }
      if (prompt && CHAT.equals(config.routeType())) {
        return error("[llm/v1/completions] message format is not compatible with [llm/v1/chat] route type");
      }
    }
    boolean stream = OpenAiBody.stream(body) || "always".equals(config.responseStreaming());
    if (stream && "deny".equals(config.responseStreaming())) {
      return error("response streaming is not enabled for this LLM");
    }
    boolean askedUsage = OpenAiBody.asksStreamUsage(body);
    boolean inject = stream && config.includeStreamUsage() && !askedUsage && body != null;
    boolean logPayloads = config.logging().logPayloads() && config.logging().logStatistics();
    if (body != null) {
      boolean changed = prepare(body, model, stream, inject);
      if (logPayloads) {
        ctx.put(PayloadCapture.KEY, new PayloadCapture(withoutKey(body, changed, ctx.requestBody())));
      }
      if (authInBody(body)) {
        body.put(config.auth().paramName(), config.auth().paramValue());
        changed = true;
      }
      if (changed) {
        ctx.upstream().replaceBody(OpenAiBody.write(body));
      }
    } else if (logPayloads) {
      ctx.put(PayloadCapture.KEY, new PayloadCapture(ctx.requestBody()));
    }
    MutableHeaders headers = ctx.upstream().headers();
    if (body != null) {
      headers.set("Content-Type", "application/json");
    }
    headers.remove("Accept-Encoding"); // identity: the usage reader sees the body as sent
    authenticate(ctx, headers);
    ctx.upstream().setService(endpoint.serviceFor(ctx.service()));
    ctx.upstream().setPath(preserve && !ProviderEndpoint.hasUpstreamPath(config) ? ctx.request().path()
        : endpoint.path());
    ctx.put(LlmRequest.KEY, new LlmRequest(config.model().provider(), model, stream, askedUsage, inject,
        OpenAiBody.promptEstimate(body), OpenAiBody.maxTokens(body), start, config.logging().logStatistics()));
    return Verdict.proceed();
  }

  /**
   * Makes {@code body} the one Kong's openai driver sends, but for the key: model set, config options winning,
   * {@code stream} explicit. False when the body is to be sent untouched.
   */
  private boolean prepare(Map<String, Object> body, String model, boolean stream, boolean inject) {
    AiProxyConfig.Options o = config.model().options();
    if (preserve) {
      if (!inject) {
        return false;
      }
    } else {
      if (model != null) {
        body.put("model", model);
      }
      if (o.temperature() != null) {
        body.put("temperature", o.temperature());
      }
      if (o.upstreamMaxTokens() != null) {
        body.put("max_tokens", o.upstreamMaxTokens());
      }
      if (o.topP() != null) {
        body.put("top_p", o.topP());
      }
      body.remove("top_k");
      body.put("stream", stream);
    }
    if (inject) {
      OpenAiBody.requestStreamUsage(body);
    }
    return true;
  }

  /** Whether the configured key goes into the body (unless the client may and does send its own). */
  private boolean authInBody(Map<String, Object> body) {
    return "body".equals(config.auth().paramLocation()) && config.auth().paramName() != null
        && !(config.auth().allowOverride() && body.containsKey(config.auth().paramName()));
  }

  /**
   * The request as logged: the body as sent upstream, without the member that carries a key (the configured one
   * or the client's own under the same name); never a key.
   */
  private byte[] withoutKey(Map<String, Object> body, boolean changed, byte[] original) {
    String keyName = config.auth().paramName();
    if (keyName != null && body.containsKey(keyName)) {
      Map<String, Object> copy = new LinkedHashMap<>(body);
      copy.remove(keyName);
      return OpenAiBody.write(copy);
    }
    return changed ? OpenAiBody.write(body) : original;
  }

  private void authenticate(AccessContext ctx, MutableHeaders headers) {
    AiProxyConfig.Auth auth = config.auth();
    if (auth.headerName() != null && auth.headerValue() != null
        && !(auth.allowOverride() && ctx.request().headers().contains(auth.headerName()))) {
      headers.set(auth.headerName(), auth.headerValue());
    }
    if ("query".equals(auth.paramLocation()) && auth.paramName() != null
        && !(auth.allowOverride() && !ctx.request().queryParams(auth.paramName()).isEmpty())) {
      ctx.upstream().setQueryParam(auth.paramName(), auth.paramValue());
    }
  }

  private static Verdict error(String message) {
    return Verdict.respond(400, JSON, Json.write(Map.of("error", Map.of("message", message))));
  }

  @Override
  public void responseHeaders(ResponseContext ctx) {
    LlmRequest request = ctx.get(LlmRequest.KEY);
    if (request == null || ctx.status() != 200) {
      return;
    }
    if ((config.modelNameHeader() || ctx.request().headers().contains("Kong-Debug")) && request.model() != null) {
      ctx.responseHeaders().set("X-Kong-LLM-Model", config.model().provider() + "/" + request.model());
    }
    if (!preserve && !"llama2".equals(config.model().provider())) {
      ctx.responseHeaders().remove("Set-Cookie");
    }
  }

  @Override
  public BodyObserver observeBody(ResponseContext ctx) {
    return UsageMeter.of(ctx);
  }

  @Override
  public BodyRewriter rewriteBody(ResponseContext ctx) {
    return StreamUsage.hider(ctx);
  }
}
