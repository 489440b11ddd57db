package dev.llmgateway.internal.plugins.httplog;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Where batches go: one HTTP request per batch (one JSON object for a batch of one, else an array), with
 * Content-Type, the configured headers and Basic authorization from the URL's user info. Success is a status
 * below 300, as in Kong. Never called on a request's thread.
 */
final class Collector {
  private final HttpClient client;
  private final URI uri;
  private final String method;
  private final String contentType;
  private final Duration timeout;
  private final Map<String, String> headers;
  private final String authorization;

  Collector(HttpLogConfig conf) {
    URI given = URI.create(conf.httpEndpoint());
    String userInfo = given.getRawUserInfo();
    this.uri = userInfo == null ? given : URI.create(given.getScheme() + "://" + given.getRawAuthority()
        .substring(userInfo.length() + 1) + (given.getRawPath() == null ? "" : given.getRawPath())
        + (given.getRawQuery() == null ? "" : "?" + given.getRawQuery()));
    this.authorization = userInfo == null ? null : "Basic " + Base64.getEncoder().encodeToString(
        java.net.URLDecoder.decode(userInfo, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
    this.method = conf.method();
    this.contentType = conf.contentType();
    this.timeout = Duration.ofMillis(Math.max(1, conf.timeout()));
    this.headers = conf.headers();
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
  }

  /** Where entries go, without user info (for log lines and the dropped counter's label). */
  String endpoint() {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  /** Sends one batch; the reason it failed, or null when the collector took it. */
  String send(List<String> batch) throws InterruptedException {
    String body = batch.size() == 1 ? batch.get(0) : "[" + String.join(",", batch) + "]";
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", contentType)
        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(b::header);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try {
      HttpResponse<Void> r = client.send(b.build(), HttpResponse.BodyHandlers.discarding());
      return r.statusCode() < 300 ? null : "status " + r.statusCode();
    } catch (IOException | IllegalArgumentException e) {
      return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
  }
}
