package dev.llmgateway.internal.admin;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.internal.declarative.DeclarativeConfig;
import dev.llmgateway.internal.declarative.DeclarativeError;
import dev.llmgateway.internal.declarative.DeclarativeExport;
import dev.llmgateway.internal.declarative.DeclarativeText;
import dev.llmgateway.internal.store.ApiError;
import dev.llmgateway.internal.store.EntityWrites;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /config} (the configuration as declarative YAML, {@code {"config":"..."}}) and {@code POST /config}
 * (replace everything at once, after validating all of it): the body is the document itself (JSON or YAML), or
 * a {@code config} form, multipart ({@code curl -F config=@kong.yml}) or JSON field holding it.
 */
final class ConfigEndpoints {
  private final AdminContext ctx;

  ConfigEndpoints(AdminContext ctx) {
    this.ctx = ctx;
  }

  AdminResponse export() {
    return AdminResponse.json(200, Map.of("config", DeclarativeExport.yaml(ctx.configuration())));
  }

  CompletableFuture<AdminResponse> load(BodyArgs args, Map<String, String> query) {
    Configuration loaded;
    try {
      loaded = ctx.onConfigLoad.apply(ctx.declarative.load(document(args)));
    } catch (DeclarativeError e) {
      return CompletableFuture.completedFuture(AdminResponse.json(400, e.toJson()));
    }
    if ("1".equals(query.get("check_hash")) && ConfigHash.of(loaded).equals(ConfigHash.of(ctx.snapshot()))) {
      return CompletableFuture.completedFuture(AdminResponse.empty(304));
    }
    return ctx.write(cfg -> EntityWrites.replaceAll(cfg, loaded))
        .thenApply(cfg -> AdminResponse.json(201, DeclarativeConfig.entitiesById(cfg)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> document(BodyArgs args) {
    Map<String, Object> values = args.values();
    if (args.typed() && values.containsKey("_format_version")) {
      return values;
    }
    Object config = values.get("config");
    if (config instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    String text = config instanceof String s ? s : args.raw();
    if (text == null || text.isBlank()) {
      throw ApiError.message(400, "expected a declarative configuration");
    }
    return DeclarativeText.parse(text);
  }
}
