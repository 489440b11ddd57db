package dev.llmgateway.plugins.modelrouter;

import dev.llmgateway.config.ConfigView;
import dev.llmgateway.entity.Service;
import dev.llmgateway.json.Json;
import dev.llmgateway.llm.LlmRequest;
import dev.llmgateway.llm.OpenAiError;
import dev.llmgateway.llm.OpenAiRoute;
import dev.llmgateway.llm.RequestScan;
import dev.llmgateway.llm.StreamUsage;
import dev.llmgateway.llm.UsageMeter;
import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.BodyObserver;
import dev.llmgateway.plugin.BodyRewriter;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.ResponseContext;
import dev.llmgateway.plugin.Verdict;
import dev.llmgateway.schema.Row;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One ai-model-router instance: answers the model list, and sends each request to the service of the model its
 * body names (one scan of the body, no document built), renaming an alias and asking for stream usage with the
 * smallest byte edits. Services are looked up once per config snapshot.
 */
final class ModelRouterPlugin implements Plugin, OpenAiRoute {
  private static final String JSON = "application/json; charset=utf-8";

  private final ModelRouterConfig config;
  private final Map<String, ModelRouterConfig.Model> byName = new HashMap<>();
  private final Map<String, Service> services = new HashMap<>();
  private final Map<UUID, Map<String, Service>> viaUpstream = new ConcurrentHashMap<>();
  private final byte[] modelList;
  private final UUID pluginId;

  ModelRouterPlugin(ModelRouterConfig config, ConfigView view, UUID pluginId) {
    this.config = config;
    this.pluginId = pluginId;
    List<Object> data = new ArrayList<>();
    for (ModelRouterConfig.Model m : config.models()) {
      byName.put(m.name(), m);
      if (m.service() != null) {
        Row row = view.configuration().find(Service.TYPE, m.service());
        if (row != null) {
          services.put(m.service(), Service.of(row));
        }
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", m.name());
      entry.put("object", "model");
      entry.put("created", 0L);
      entry.put("owned_by", m.service() != null ? m.service() : m.upstream() != null ? m.upstream() : "gateway");
      data.add(entry);
    }
    this.modelList = Json.write(Map.of("object", "list", "data", data)).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean openAiErrors() {
    return config.openaiErrors();
  }

  @Override
  public int requestBodyLimit() {
    return config.maxRequestBodySize();
  }

  @Override
  public Verdict access(AccessContext ctx) {
    long start = System.nanoTime();
    if ("GET".equals(ctx.request().method()) && ctx.request().path().endsWith(config.modelsPath())) {
      return Verdict.respond(200, JSON, modelList);
    }
    byte[] body = ctx.requestBody();
    if (body == null || body.length == 0) {
      return invalid(400, "you must provide a model parameter", null);
    }
    RequestScan scan = RequestScan.of(body);
    if (!scan.json()) {
      return invalid(400, "We could not parse the JSON body of your request.", null);
    }
    String asked = scan.model();
    if (asked == null || asked.isEmpty()) {
      return invalid(400, "you must provide a model parameter", null);
    }
    ModelRouterConfig.Model model = byName.get(asked);
    if (model == null) {
      return invalid(404, "The model `" + asked + "` does not exist or you do not have access to it.",
          "model_not_found");
    }
    Service target = target(model, ctx.service());
    if (target == null) {
      return Verdict.respond(503, JSON, OpenAiError.body("no service '" + model.service() + "' for model "
          + asked, "server_error", null, "service_unavailable"));
    }
    boolean inject = scan.stream() && config.includeStreamUsage() && !scan.asksStreamUsage();
    byte[] sent = scan.rewrite(model.sentName(), inject);
    if (sent != body) {
      ctx.upstream().replaceBody(sent);
    }
    if (target != ctx.service()) {
      ctx.upstream().setService(target);
    }
    ctx.put(LlmRequest.KEY, new LlmRequest("openai", model.sentName(), scan.stream(), scan.asksStreamUsage(),
        inject, scan.promptEstimate(), scan.maxTokens(), start, true));
    return Verdict.proceed();
  }

  private Service target(ModelRouterConfig.Model model, Service routeService) {
    if (model.service() != null) {
      return services.get(model.service());
    }
    if (model.upstream() != null) {
      return viaUpstream.computeIfAbsent(routeService.id(), k -> new ConcurrentHashMap<>())
          .computeIfAbsent(model.upstream(), u -> new Service(
              UUID.nameUUIDFromBytes((pluginId + "/" + routeService.id() + "/" + u).getBytes(StandardCharsets.UTF_8)),
              routeService.name(), routeService.protocol(), u, routeService.port(), routeService.path(),
              routeService.retries(), routeService.connectTimeout(), routeService.writeTimeout(),
              routeService.readTimeout(), routeService.tlsVerify(), true, routeService.row()));
    }
    return routeService;
  }

  private static Verdict invalid(int status, String message, String code) {
    return Verdict.respond(status, JSON, OpenAiError.body(message, "invalid_request_error", "model", code));
  }

  @Override
  public BodyObserver observeBody(ResponseContext ctx) {
    LlmRequest request = ctx.get(LlmRequest.KEY);
    return request == null ? null : UsageMeter.of(request, ctx);
  }

  @Override
  public BodyRewriter rewriteBody(ResponseContext ctx) {
    LlmRequest request = ctx.get(LlmRequest.KEY);
    return request == null ? null : StreamUsage.hider(request, ctx);
  }
}
