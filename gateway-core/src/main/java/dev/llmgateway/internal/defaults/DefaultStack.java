package dev.llmgateway.internal.defaults;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.config.EntityTypes;
import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import dev.llmgateway.entity.Target;
import dev.llmgateway.entity.Upstream;
import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.plugins.acl.AclGroup;
import dev.llmgateway.internal.plugins.keyauth.KeyAuthCredential;
import dev.llmgateway.internal.store.ConfigWriter;
import dev.llmgateway.internal.store.EntityWrites;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * The built-in default stack, as the usage guide describes it: {@code vllm-service} on {@code /v1/vllm},
 * {@code sglang-service} on {@code /v1/sglang} (120 s timeouts, prefix stripped), and {@code admin-api-service}
 * on {@code /admin-api} pointing at the gateway's own Admin API, behind key-auth (credentials hidden) and acl
 * (group {@code admin}), with the consumer {@code admin} holding the admin key. Defined once here; the launcher
 * only maps flags and environment onto {@link StackSettings}.
 */
public final class DefaultStack {
  public static final String VLLM_SERVICE = "vllm-service";
  public static final String VLLM_ROUTE = "vllm-route";
  public static final String VLLM_PATH = "/v1/vllm";
  public static final String SGLANG_SERVICE = "sglang-service";
  public static final String SGLANG_ROUTE = "sglang-route";
  public static final String SGLANG_PATH = "/v1/sglang";
  /** The upstreams a comma-separated list of replicas becomes. */
  public static final String VLLM_UPSTREAM = "vllm-replicas";
  public static final String SGLANG_UPSTREAM = "sglang-replicas";
  public static final String ADMIN_SERVICE = "admin-api-service";
  public static final String ADMIN_ROUTE = "admin-api-route";
  public static final String ADMIN_PATH = "/admin-api";
  public static final String ADMIN_CONSUMER = "admin";
  public static final String ADMIN_GROUP = "admin";
  /** The timeouts of the LLM services: generations are slow. */
  public static final long LLM_TIMEOUT_MILLIS = 120_000;

  private DefaultStack() {}

  /**
   * The whole stack as configuration rows of {@code types} (which must include the key-auth and acl entities),
   * created at {@code nowSeconds}.
   */
  public static Configuration configuration(EntityTypes types, StackSettings settings, long nowSeconds) {
    Configuration cfg = Configuration.empty(types);
    cfg = withLlmService(cfg, VLLM_SERVICE, VLLM_ROUTE, VLLM_PATH, VLLM_UPSTREAM, settings.vllmUrl(), nowSeconds);
    cfg = withLlmService(cfg, SGLANG_SERVICE, SGLANG_ROUTE, SGLANG_PATH, SGLANG_UPSTREAM, settings.sglangUrl(),
        nowSeconds);
    return AdminApiStack.reassert(cfg, settings, nowSeconds);
  }

  /**
   * What a starting gateway does once its admin listener is bound (so {@code settings} carry the real port):
   * a fresh store ({@code fresh}: nothing was stored before) gets the whole stack, then the Admin API entities are
   * re-asserted either way. One or two durable writes; blocks until they are stored.
   */
  public static void install(ConfigWriter writer, StackSettings settings, boolean fresh, LongSupplier clockMillis)
      throws IOException {
    if (fresh) {
      Configuration stack = configuration(writer.registry().entityTypes(), settings, clockMillis.getAsLong() / 1000);
      try {
        writer.submit(cfg -> EntityWrites.replaceAll(cfg, stack)).get(60, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new IOException("could not store the default stack: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while storing the default stack", e);
      }
    }
    AdminApiStack.reassertAtStart(writer, settings, clockMillis);
  }

  private static Configuration withLlmService(Configuration cfg, String service, String route, String path,
      String upstream, String urls, long now) {
    ReplicaPool pool = ReplicaPool.of(urls);
    if (pool.pooled()) {
      UUID upstreamId = StackRows.id("upstreams", upstream);
      cfg = cfg.with(Upstream.TYPE, StackRows.create(Upstream.TYPE, upstreamId, pool.upstreamFields(upstream), now));
      for (String target : pool.targets()) {
        cfg = cfg.with(Target.TYPE, StackRows.create(Target.TYPE, StackRows.id("targets", upstream + "/" + target),
            Map.of("target", target, "upstream", Map.of("id", upstreamId.toString())), now * 1000));
      }
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("name", service);
    s.put("url", pool.serviceUrl(upstream));
    s.put("read_timeout", LLM_TIMEOUT_MILLIS);
    s.put("write_timeout", LLM_TIMEOUT_MILLIS);
    cfg = cfg.with(Service.TYPE, StackRows.create(Service.TYPE, StackRows.id("services", service), s, now));
    return cfg.with(Route.TYPE, StackRows.create(Route.TYPE, StackRows.id("routes", route),
        routeFields(route, path, service), now));
  }

  static Map<String, Object> routeFields(String name, String path, String service) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("name", name);
    r.put("paths", List.of(path));
    r.put("strip_path", true);
    r.put("service", Map.of("id", StackRows.id("services", service).toString()));
    return r;
  }

  /**
   * The stack as a declarative-config document ({@code _format_version} 3.0, nested the way {@code kong.yml}
   * nests), for tools that load or print declarative config.
   */
  public static Map<String, Object> declarative(StackSettings settings) {
    List<Object> upstreams = new ArrayList<>();
    addUpstream(upstreams, VLLM_UPSTREAM, settings.vllmUrl());
    addUpstream(upstreams, SGLANG_UPSTREAM, settings.sglangUrl());
    Map<String, Object> doc = ordered(
        "_format_version", "3.0",
        "services", List.of(
            llmService(VLLM_SERVICE, VLLM_ROUTE, VLLM_PATH,
                ReplicaPool.of(settings.vllmUrl()).serviceUrl(VLLM_UPSTREAM)),
            llmService(SGLANG_SERVICE, SGLANG_ROUTE, SGLANG_PATH,
                ReplicaPool.of(settings.sglangUrl()).serviceUrl(SGLANG_UPSTREAM)),
            ordered("name", ADMIN_SERVICE, "url", settings.adminUrl(),
                "routes", List.of(ordered("name", ADMIN_ROUTE, "paths", List.of(ADMIN_PATH), "strip_path", true)),
                "plugins", List.of(
                    ordered("name", "key-auth", "config", AdminApiStack.KEY_AUTH_CONFIG),
                    ordered("name", "acl", "config", AdminApiStack.ACL_CONFIG)))),
        Consumer.TYPE.name(), List.of(ordered("username", ADMIN_CONSUMER,
            KeyAuthCredential.TYPE.name(), List.of(ordered("key", settings.adminKey())),
            AclGroup.TYPE.name(), List.of(ordered("group", ADMIN_GROUP)))));
    if (!upstreams.isEmpty()) {
      doc.put("upstreams", upstreams);
    }
    return doc;
  }

  private static void addUpstream(List<Object> upstreams, String name, String urls) {
    ReplicaPool pool = ReplicaPool.of(urls);
    if (pool.pooled()) {
      Map<String, Object> u = new LinkedHashMap<>(pool.upstreamFields(name));
      u.put("targets", pool.targets().stream().map(t -> (Object) ordered("target", t)).toList());
      upstreams.add(u);
    }
  }

  /** {@link #declarative} as JSON text (what a start-up loader of declarative config reads). */
  public static String declarativeText(StackSettings settings) {
    return Json.write(declarative(settings));
  }

  private static Map<String, Object> llmService(String name, String route, String path, String url) {
    return ordered("name", name, "url", url, "read_timeout", LLM_TIMEOUT_MILLIS, "write_timeout", LLM_TIMEOUT_MILLIS,
        "routes", List.of(ordered("name", route, "paths", List.of(path), "strip_path", true)));
  }

  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
