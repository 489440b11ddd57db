package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.internal.config.ConfigSnapshot;
import dev.llmgateway.config.ConfigView;
import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.ClientRequest;
import dev.llmgateway.plugin.LogContext;
import dev.llmgateway.plugin.MutableHeaders;
import dev.llmgateway.plugin.RequestKey;
import dev.llmgateway.plugin.ResponseContext;
import dev.llmgateway.plugin.UpstreamRequest;
import io.undertow.util.HeaderMap;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What the plugins of one request see and change, across all their phases: the request, route and service, the
 * consumer, per-request attributes, the upstream request, the client response headers, and finally the outcome
 * for the log phase. Mutated only on the request's IO thread until the log phase reads it on a worker.
 */
final class PluginContext implements AccessContext, ResponseContext, LogContext, UpstreamRequest {
  private final ExchangeRequest request;
  private final Route route;
  private final Service service;
  private final ConfigSnapshot snapshot;
  private final String requestId;
  private Consumer consumer;
  private String credentialId;
  private Map<RequestKey<?>, Object> attributes;
  private HeaderMapView upstreamHeaders;
  private HeaderMapView responseHeaders;
  private byte[] requestBody;
  private byte[] replacedBody;
  private String query;
  private BodyLimit bodyLimit;
  private String method;
  private String path;
  private Service serviceOverride;
  private int status;
  private boolean proxied;
  private RequestOutcome outcome;
  private HeaderMap sentHeaders;

  PluginContext(ExchangeRequest request, Route route, Service service, ConfigSnapshot snapshot, String requestId) {
    this.request = request;
    this.route = route;
    this.service = service;
    this.snapshot = snapshot;
    this.requestId = requestId;
    this.query = request.rawQuery();
  }

  void upstreamHeaders(HeaderMap map) {
    upstreamHeaders = new HeaderMapView(map);
  }

  /** Response headers set during access (kept aside) or, once the response is built, the response's own. */
  void responseHeaders(HeaderMap map) {
    responseHeaders = new HeaderMapView(map);
  }

  /** The headers plugins set during access, or null when none did. */
  HeaderMap pendingResponseHeaders() {
    return responseHeaders == null ? null : responseHeaders.map();
  }

  void requestBody(byte[] body) {
    this.requestBody = body;
  }

  /** The lowest cap plugins set on a streamed body, or null. */
  BodyLimit bodyLimit() {
    return bodyLimit;
  }

  /** The body a plugin put in place of the client's, or null. */
  byte[] replacedBody() {
    return replacedBody;
  }

  /** The query string to send upstream (as plugins left it), without {@code ?}; null for none. */
  @Override
  public String query() {
    return query;
  }

  @Override
  public void setQuery(String rawQuery) {
    query = rawQuery == null || rawQuery.isEmpty() ? null : rawQuery;
  }

  /** The method a plugin chose for the upstream request, or null for the client's. */
  String method() {
    return method;
  }

  @Override
  public void setMethod(String method) {
    if (method == null || method.isEmpty() || !method.chars().allMatch(c -> c > 32 && c < 127)) {
      throw new IllegalArgumentException("method " + method);
    }
    this.method = method;
  }

  /** The path a plugin chose for the upstream request, or null for the route's. */
  String path() {
    return path;
  }

  @Override
  public void setPath(String path) {
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("path " + path);
    }
    this.path = path;
  }

  void status(int status) {
    this.status = status;
  }

  /** Whether the response about to be sent is the upstream's (true) or the gateway's own. */
  void proxied(boolean proxied) {
    this.proxied = proxied;
  }

  @Override
  public boolean proxied() {
    return proxied;
  }

  @Override
  public ClientRequest request() {
    return request;
  }

  @Override
  public Route route() {
    return route;
  }

  @Override
  public Service service() {
    return service;
  }

  @Override
  public Consumer consumer() {
    return consumer;
  }

  @Override
  public String credentialId() {
    return credentialId;
  }

  @Override
  public String requestId() {
    return requestId;
  }

  @Override
  public <T> T get(RequestKey<T> key) {
    return attributes == null ? null : key.cast(attributes.get(key));
  }

  @Override
  public <T> void put(RequestKey<T> key, T value) {
    if (attributes == null) {
      attributes = new HashMap<>(4);
    }
    attributes.put(key, value);
  }

  @Override
  public UpstreamRequest upstream() {
    return this;
  }

  /**
   * The request ended: from now on the log phase's figures are {@code outcome}'s, and {@link #responseHeaders()}
   * shows what the client was sent.
   */
  void ended(RequestOutcome outcome, HeaderMap sent) {
    this.outcome = outcome;
    this.status = outcome.status();
    this.sentHeaders = sent;
  }

  @Override
  public MutableHeaders responseHeaders() {
    if (sentHeaders != null && (responseHeaders == null || responseHeaders.map() != sentHeaders)) {
      responseHeaders = new HeaderMapView(sentHeaders);
    }
    if (responseHeaders == null) {
      responseHeaders = new HeaderMapView(new HeaderMap());
    }
    return responseHeaders;
  }

  @Override
  public void authenticate(Consumer consumer, String credentialId) {
    this.consumer = consumer;
    this.credentialId = credentialId;
  }

  @Override
  public byte[] requestBody() {
    // As in Kong (nginx's set_body_data), a plugin that runs later sees the body an earlier one replaced.
    return replacedBody != null ? replacedBody : requestBody;
  }

  @Override
  public ConfigView config() {
    return snapshot;
  }

  @Override
  public MutableHeaders headers() {
    return upstreamHeaders;
  }

  @Override
  public void removeQueryParam(String name) {
    if (query == null) {
      return;
    }
    StringBuilder kept = new StringBuilder(query.length());
    for (String part : query.split("&", -1)) {
      int eq = part.indexOf('=');
      String key = eq < 0 ? part : part.substring(0, eq);
      if (!name.equals(decode(key))) {
        if (kept.length() > 0) {
          kept.append('&');
        }
        kept.append(part);
      }
    }
    query = kept.length() == 0 ? null : kept.toString();
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  @Override
  public void setQueryParam(String name, String value) {
    removeQueryParam(name);
    String pair = encode(name) + "=" + encode(value);
    query = query == null ? pair : query + "&" + pair;
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public void setService(Service service) {
    this.serviceOverride = java.util.Objects.requireNonNull(service, "service");
  }

  /** The service a plugin sent the request to instead of the route's, or null. */
  Service serviceOverride() {
    return serviceOverride;
  }

  @Override
  public void replaceBody(byte[] body) {
    if (requestBody == null) {
      throw new IllegalStateException("the request body was not buffered; declare Plugin.requestBodyLimit()");
    }
    this.replacedBody = body.clone();
  }

  @Override
  public void limitBody(long maxBytes, int status, String message) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes " + maxBytes);
    }
    if (bodyLimit == null || maxBytes < bodyLimit.maxBytes()) {
      bodyLimit = new BodyLimit(maxBytes, status, java.util.Objects.requireNonNull(message, "message"));
    }
  }

  @Override
  public int status() {
    return status;
  }

  // The log phase's figures: the request's outcome once it ended (before that, the values of nothing yet done).

  @Override
  public long bytesSent() {
    return outcome == null ? 0 : outcome.bytesSent();
  }

  @Override
  public long bytesReceived() {
    return outcome == null ? 0 : outcome.bytesReceived();
  }

  @Override
  public long totalMillis() {
    return outcome == null ? 0 : outcome.totalMillis();
  }

  @Override
  public long upstreamMillis() {
    return outcome == null ? -1 : outcome.upstreamMillis();
  }

  @Override
  public long kongMillis() {
    return outcome == null ? 0 : outcome.kongMillis();
  }

  @Override
  public long startedAt() {
    return outcome == null ? 0 : outcome.startedAt();
  }

  @Override
  public String upstreamUri() {
    return outcome == null ? null : outcome.upstreamUri();
  }

  @Override
  public String failure() {
    return outcome == null ? null : outcome.failure();
  }
}
