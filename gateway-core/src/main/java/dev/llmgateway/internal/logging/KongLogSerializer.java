package dev.llmgateway.internal.logging;

import dev.llmgateway.config.ConfigView;
import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import dev.llmgateway.internal.llm.LlmPayloads;
import dev.llmgateway.plugin.ClientRequest;
import dev.llmgateway.plugin.Headers;
import dev.llmgateway.plugin.LogContext;
import dev.llmgateway.internal.plugins.correlationid.CorrelationId;
import dev.llmgateway.internal.plugins.keyauth.SecretNames;
import dev.llmgateway.internal.llm.LlmRequest;
import dev.llmgateway.internal.plugins.prometheus.LlmFigures;
import dev.llmgateway.schema.Row;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Kong's basic log serializer ({@code kong.log.serialize}): request, upstream_uri, response, latencies, route,
 * service, consumer, client_ip, started_at, source, workspace, and the extras {@code correlation_id} and
 * {@code ai}. Secrets never appear: {@code Authorization}, {@code Proxy-Authorization}, {@code apikey} and every
 * key-auth {@code key_names} header or query argument is {@code "REDACTED"}. Sizes count an estimate of the
 * request/status line and headers plus the body bytes (Kong counts what nginx read and sent).
 */
public final class KongLogSerializer {
  /** Kong's id of the {@code default} workspace is per install; this gateway has one workspace, this id. */
  static final String WORKSPACE_ID = "00000000-0000-0000-0000-000000000000";

  private final SecretNames secrets;

  /** A serializer for requests served with the configuration {@code view}. */
  public KongLogSerializer(ConfigView view) {
    this.secrets = SecretNames.of(view);
  }

  /** The log object of one request, in Kong's key order. */
  public Map<String, Object> serialize(LogContext ctx) {
    ClientRequest request = ctx.request();
    Map<String, Object> out = new LinkedHashMap<>();
    String uri = request.path() + (request.rawQuery() == null ? "" : "?" + secrets.redactQuery(request.rawQuery()));
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("id", ctx.requestId());
    req.put("uri", uri);
    req.put("url", request.scheme() + "://" + request.host() + ":" + request.port() + uri);
    req.put("querystring", querystring(request.rawQuery()));
    req.put("method", request.method());
    Map<String, Object> requestHeaders = headers(request.headers(), true);
    req.put("headers", requestHeaders);
    req.put("size", headSize(request.method().length() + uri.length() + 10, request.headers())
        + ctx.bytesReceived());
    out.put("request", req);
    out.put("upstream_uri", ctx.upstreamUri() == null ? "" : secrets.redactQuery(ctx.upstreamUri()));
    boolean proxied = ctx.upstreamMillis() >= 0;
    out.put("upstream_status", proxied ? Integer.toString(ctx.status()) : "");
    Map<String, Object> resp = new LinkedHashMap<>();
    resp.put("status", ctx.status());
    Headers responseHeaders = ctx.responseHeaders();
    resp.put("headers", headers(responseHeaders, false));
    resp.put("size", headSize(17, responseHeaders) + ctx.bytesSent());
    out.put("response", resp);
    Map<String, Object> latencies = new LinkedHashMap<>();
    latencies.put("kong", ctx.kongMillis());
    latencies.put("proxy", proxied ? ctx.upstreamMillis() : -1);
    latencies.put("request", ctx.totalMillis());
    latencies.put("receive", proxied ? Math.max(0, ctx.totalMillis() - ctx.kongMillis() - ctx.upstreamMillis()) : 0);
    out.put("latencies", latencies);
    out.put("tries", List.of());
    Consumer consumer = ctx.consumer();
    if (ctx.credentialId() != null) {
      Map<String, Object> entity = new LinkedHashMap<>();
      entity.put("id", ctx.credentialId());
      entity.put("consumer_id", consumer == null ? null : consumer.id().toString());
      out.put("authenticated_entity", entity);
    }
    Route route = ctx.route();
    if (route != null) {
      out.put("route", entity(route.row()));
    }
    Service service = ctx.service();
    if (service != null) {
      out.put("service", entity(service.row()));
    }
    if (consumer != null) {
      out.put("consumer", entity(consumer.row()));
    }
    out.put("client_ip", request.clientIp());
    out.put("started_at", ctx.startedAt());
    out.put("source", proxied ? "upstream" : "kong");
    out.put("workspace", WORKSPACE_ID);
    out.put("workspace_name", "default");
    String correlation = ctx.get(CorrelationId.KEY);
    if (correlation != null) {
      out.put("correlation_id", correlation);
    }
    LlmFigures ai = LlmFigures.of(ctx);
    if (ai != null && LlmRequest.statisticsLogged(ctx)) {
      out.put("ai", ai(ai, ctx));
    }
    return out;
  }

  private static Map<String, Object> entity(Row row) {
    return row == null ? null : row.toPlainMap();
  }

  /**
   * Kong's {@code ai.proxy} block from the measured figures, with ai-proxy's {@code log_payloads} bodies when it
   * captured them (no cost: it is not computed).
   */
  private static Map<String, Object> ai(LlmFigures f, LogContext ctx) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("provider_name", f.provider());
    meta.put("request_model", f.requestModel());
    meta.put("response_model", f.responseModel() != null ? f.responseModel() : f.requestModel());
    long latency = ctx.upstreamMillis() >= 0 ? ctx.upstreamMillis() : 0;
    meta.put("llm_latency", latency);
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("prompt_tokens", f.promptTokens());
    usage.put("completion_tokens", f.completionTokens());
    usage.put("total_tokens", f.totalTokens());
    usage.put("time_per_token", f.completionTokens() > 0 ? (double) latency / f.completionTokens() : 0);
    if (f.ttftMillis() >= 0) {
      usage.put("time_to_first_token", f.ttftMillis());
    }
    Map<String, Object> proxy = new LinkedHashMap<>();
    proxy.put("meta", meta);
    proxy.put("usage", usage);
    LlmPayloads payloads = ctx.get(LlmPayloads.KEY);
    if (payloads != null) {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("request", payloads.request());
      payload.put("response", payloads.response());
      if (payloads.requestTruncated()) {
        payload.put("request_truncated", true);
      }
      if (payloads.responseTruncated()) {
        payload.put("response_truncated", true);
      }
      proxy.put("payload", payload);
    }
    return Map.of("proxy", proxy);
  }

  private Map<String, Object> headers(Headers headers, boolean request) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (headers == null) {
      return out;
    }
    for (String name : headers.names()) {
      String lower = name.toLowerCase(Locale.ROOT);
      List<String> values = headers.all(name);
      if (request ? secrets.isSecretHeader(lower) : lower.equals("authorization")
          || lower.equals("proxy-authorization")) {
        out.put(lower, SecretNames.REDACTED);
      } else {
        out.put(lower, values.size() == 1 ? values.get(0) : List.copyOf(values));
      }
    }
    return out;
  }

  /** Bytes of a request or status line of {@code lineLength} plus the header fields, as sent on HTTP/1.1. */
  private static long headSize(int lineLength, Headers headers) {
    long size = lineLength + 2L;
    if (headers != null) {
      for (String name : headers.names()) {
        for (String value : headers.all(name)) {
          size += name.length() + value.length() + 4;
        }
      }
    }
    return size;
  }

  /** Kong's {@code querystring}: repeated arguments become arrays, a bare flag is {@code true}, secrets redacted. */
  private Map<String, Object> querystring(String raw) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      Object value = eq < 0 ? Boolean.TRUE : decode(pair.substring(eq + 1));
      if (secrets.names().contains(name.toLowerCase(Locale.ROOT))) {
        value = SecretNames.REDACTED;
      }
      Object previous = out.get(name);
      if (previous == null) {
        out.put(name, value);
      } else if (previous instanceof List<?> list) {
        @SuppressWarnings("unchecked")
        List<Object> values = (List<Object>) list;
        values.add(value);
      } else {
        List<Object> values = new ArrayList<>();
        values.add(previous);
        values.add(value);
        out.put(name, values);
      }
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
