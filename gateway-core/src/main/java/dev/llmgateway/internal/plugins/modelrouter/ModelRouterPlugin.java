package dev.llmgateway.internal.plugins.modelrouter;

import dev.llmgateway.config.ConfigView;
import dev.llmgateway.entity.PluginBinding;
import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import dev.llmgateway.entity.Upstream;
import dev.llmgateway.internal.llm.LlmRequest;
import dev.llmgateway.internal.llm.OpenAiError;
import dev.llmgateway.internal.llm.OpenAiRoute;
import dev.llmgateway.internal.llm.RequestScan;
import dev.llmgateway.internal.llm.StreamUsage;
import dev.llmgateway.internal.llm.UsageMeter;
import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.BodyObserver;
import dev.llmgateway.plugin.BodyRewriter;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.ResponseContext;
import dev.llmgateway.plugin.Verdict;
import dev.llmgateway.schema.Row;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One ai-model-router instance: answers the model list, and sends each request to the service of the model its
 * body names (one scan of the body, no document built), renaming an alias and asking for stream usage with the
 * smallest byte edits. Services are looked up once per config snapshot. With {@code models_refresh_interval} the
 * models each backend lists itself join the configured ones ({@link ModelRefresh}).
 */
final class ModelRouterPlugin implements Plugin, OpenAiRoute {
  private static final String JSON = "application/json; charset=utf-8";

  private final ModelRouterConfig config;
  private final Map<String, Service> services = new HashMap<>();
  private final Map<UUID, Map<String, Service>> viaUpstream = new ConcurrentHashMap<>();
  private final UUID pluginId;
  private final ModelRefresh refresh;
  private volatile ModelCatalog catalog;

  ModelRouterPlugin(ModelRouterConfig config, ConfigView view, PluginBinding binding, DiscoveredModels discovered) {
    this.config = config;
    this.pluginId = binding.id();
    for (ModelRouterConfig.Model m : config.models()) {
      if (m.service() != null) {
        Row row = view.configuration().find(Service.TYPE, m.service());
        if (row != null) {
          services.put(m.service(), Service.of(row));
        }
      }
    }
    List<Backend> backends = config.modelsRefreshInterval() > 0 ? backends(view, binding) : List.of();
    this.catalog = ModelCatalog.of(config.models(), backends, discovered, config.modelsStaleAfter());
    if (backends.isEmpty()) {
      this.refresh = null;
    } else {
      this.refresh = new ModelRefresh(backends, discovered,
          Math.max(1, Math.round(config.modelsRefreshInterval() * 1000)), config.modelsRefreshTimeout(),
          () -> catalog = ModelCatalog.of(config.models(), backends, discovered, config.modelsStaleAfter()));
      refresh.start();
    }
  }

  /**
   * The engines whose model lists are read: each service a model names, those of {@code models_refresh_services},
   * then the route's (or the plugin's service's) own, once each; a service whose host is an Upstream entity, or that is not http(s), is not read.
   */
  private List<Backend> backends(ConfigView view, PluginBinding binding) {
    Map<UUID, Backend> byService = new LinkedHashMap<>();
    for (ModelRouterConfig.Model m : config.models()) {
      Service s = m.service() == null ? null : services.get(m.service());
      if (s != null) {
        add(byService, view, s, m.service());
      }
    }
    for (String ref : config.modelsRefreshServices()) {
      Row row = view.configuration().find(Service.TYPE, ref);
      if (row != null) {
        Service s = Service.of(row);
        services.putIfAbsent(ref, s);
        add(byService, view, s, ref);
      }
    }
    UUID own = binding.serviceId();
    if (binding.routeId() != null) {
      Row route = view.configuration().find(Route.TYPE, binding.routeId().toString());
      own = route == null ? own : Route.of(route).serviceId();
    }
    Row ownRow = own == null ? null : view.configuration().find(Service.TYPE, own.toString());
    if (ownRow != null) {
      add(byService, view, Service.of(ownRow), null);
    }
    return List.copyOf(byService.values());
  }

  private void add(Map<UUID, Backend> byService, ConfigView view, Service s, String ref) {
    if (byService.containsKey(s.id()) || view.configuration().find(Upstream.TYPE, s.host()) != null
        || !("http".equals(s.protocol()) || "https".equals(s.protocol()))) {
      return;
    }
    String host = s.host().indexOf(':') >= 0 && !s.host().startsWith("[") ? "[" + s.host() + "]" : s.host();
    try {
      URI uri = new URI(s.protocol() + "://" + host + ":" + s.port() + config.modelsPath());
      byService.put(s.id(), new Backend(ref, s.name() != null ? s.name() : s.id().toString(), uri));
    } catch (URISyntaxException e) {
      // a host the URI syntax refuses cannot be read either; its configured models still route
    }
  }

  @Override
  public void retire() {
    if (refresh != null) {
      refresh.stop();
    }
  }

  /** True once the refresh thread is gone (or there never was one). */
  boolean refreshStopped() {
    return refresh == null || refresh.stopped();
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
      return Verdict.respond(200, JSON, catalog.list());
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
    ModelRouterConfig.Model model = catalog.byName().get(asked);
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
    return UsageMeter.of(ctx);
  }

  @Override
  public BodyRewriter rewriteBody(ResponseContext ctx) {
    return StreamUsage.hider(ctx);
  }
}
