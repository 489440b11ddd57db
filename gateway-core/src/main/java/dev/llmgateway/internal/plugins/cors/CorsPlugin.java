package dev.llmgateway.internal.plugins.cors;

import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.MutableHeaders;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.RequestKey;
import dev.llmgateway.plugin.ResponseContext;
import dev.llmgateway.plugin.Verdict;

/**
 * One configured cors plugin (Kong's {@code handler.lua}): answers preflights itself with 200 and the allowed
 * origin, methods, headers and max age (or lets them through with {@code preflight_continue}), and adds the origin,
 * credentials and exposed headers to every other response, proxied or answered by the gateway.
 */
final class CorsPlugin implements Plugin {
  static final String ACAO = "Access-Control-Allow-Origin";
  static final String ACAC = "Access-Control-Allow-Credentials";
  /** Set on a preflight: the response then gets no headers from the response phase (Kong's skip flag). */
  private static final RequestKey<Boolean> PREFLIGHT = RequestKey.of("cors.preflight", Boolean.class);
  private static final byte[] EMPTY = new byte[0];

  private final CorsConfig conf;
  private final AllowedOrigins origins;
  private final String methods;
  private final String allowHeaders;
  private final String exposedHeaders;
  private final String maxAge;

  CorsPlugin(CorsConfig conf) {
    this.conf = conf;
    this.origins = new AllowedOrigins(conf.origins());
    this.methods = String.join(",", conf.methods() != null ? conf.methods() : CorsConfig.METHODS);
    this.allowHeaders = conf.headers() == null || conf.headers().isEmpty() ? null : String.join(",", conf.headers());
    this.exposedHeaders = conf.exposedHeaders() == null || conf.exposedHeaders().isEmpty() ? null
        : String.join(",", conf.exposedHeaders());
    this.maxAge = conf.maxAge() == null ? null : number(conf.maxAge());
  }

  /** Lua's {@code tostring} of a number: integral values without a fraction. */
  private static String number(double d) {
    return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15 ? Long.toString((long) d)
        : Double.toString(d);
  }

  @Override
  public Verdict access(AccessContext ctx) {
    String origin = ctx.request().headers().first("Origin");
    if (!ctx.request().method().equals("OPTIONS") || origin == null
        || ctx.request().headers().first("Access-Control-Request-Method") == null) {
      return Verdict.proceed();
    }
    ctx.put(PREFLIGHT, Boolean.TRUE);
    if (conf.preflightContinue()) {
      return Verdict.proceed();
    }
    MutableHeaders h = ctx.responseHeaders();
    boolean allowAll = origin(h, false, origin);
    credentials(h, allowAll, false, origin);
    if (allowHeaders != null) {
      h.set("Access-Control-Allow-Headers", allowHeaders);
    } else {
      String requested = ctx.request().headers().first("Access-Control-Request-Headers");
      if (requested != null) {
        h.set("Access-Control-Allow-Headers", requested);
      } else {
        h.remove("Access-Control-Allow-Headers");
      }
    }
    h.set("Access-Control-Allow-Methods", methods);
    if (maxAge != null) {
      h.set("Access-Control-Max-Age", maxAge);
    }
    if (conf.privateNetwork()
        && "true".equals(ctx.request().headers().first("Access-Control-Request-Private-Network"))) {
      h.set("Access-Control-Allow-Private-Network", "true");
    }
    return Verdict.respond(200, null, EMPTY);
  }

  @Override
  public void responseHeaders(ResponseContext ctx) {
    if (ctx.get(PREFLIGHT) != null) {
      return;
    }
    String origin = ctx.request().headers().first("Origin");
    if (origin == null && !conf.allowOriginAbsent()) {
      return;
    }
    MutableHeaders h = ctx.responseHeaders();
    boolean allowAll = origin(h, true, origin);
    credentials(h, allowAll, true, origin);
    if (exposedHeaders != null) {
      h.set("Access-Control-Expose-Headers", exposedHeaders);
    }
  }

  /** Sets the allowed origin; true when all origins are allowed. */
  private boolean origin(MutableHeaders h, boolean responsePhase, String requestOrigin) {
    if (origins.allowAll()) {
      h.set(ACAO, "*");
      return true;
    }
    vary(h, responsePhase);
    if (origins.pinned() != null) {
      h.set(ACAO, origins.pinned());
      return false;
    }
    if (requestOrigin != null) {
      if (origins.anyAsterisk()) {
        h.set(ACAO, "*");
        return true;
      }
      String matched = origins.match(requestOrigin);
      if (matched != null) {
        h.set(ACAO, matched);
        return false;
      }
    }
    h.remove(ACAO);
    return false;
  }

  private void credentials(MutableHeaders h, boolean allowAll, boolean responsePhase, String requestOrigin) {
    if (!conf.credentials()) {
      return;
    }
    if (!allowAll) {
      h.set(ACAC, "true");
      return;
    }
    // A wildcard origin may not carry credentials: the request's own origin is sent back instead.
    if (requestOrigin != null) {
      vary(h, responsePhase);
      h.set(ACAO, requestOrigin);
      h.set(ACAC, "true");
    }
  }

  /** Kong sets {@code Vary: Origin} on a preflight and adds it to the upstream's {@code Vary} otherwise. */
  private static void vary(MutableHeaders h, boolean responsePhase) {
    if (responsePhase) {
      h.add("Vary", "Origin");
    } else {
      h.set("Vary", "Origin");
    }
  }
}
