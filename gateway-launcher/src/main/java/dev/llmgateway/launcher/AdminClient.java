package dev.llmgateway.launcher;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * A small blocking client for a running node's Admin API, used by {@code health} and {@code config apply}. It
 * sends the admin key as an {@code apikey} header when one is configured, so that the proxy's {@code /admin-api}
 * route works as well as the raw admin listener.
 */
final class AdminClient {
  /** An answer: status and body text. */
  record Answer(int status, String body) {}

  private final URI base;
  private final Optional<String> key;
  private final HttpClient http;
  private final Duration timeout;

  AdminClient(URI base, Optional<String> key, Duration timeout) {
    this.base = base;
    this.key = key;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
  }

  Answer get(String path) throws SettingException {
    return send(request(path).GET().build());
  }

  Answer post(String path, String contentType, byte[] body) throws SettingException {
    return send(request(path).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
    key.ifPresent(k -> b.header("apikey", k));
    return b;
  }

  private Answer send(HttpRequest request) throws SettingException {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (ConnectException e) {
      throw new SettingException("cannot connect to " + base + " (is the gateway running? see --admin-url)");
    } catch (HttpTimeoutException e) {
      throw new SettingException("no answer from " + base + " within " + DurationText.format(timeout));
    } catch (IOException e) {
      throw new SettingException("request to " + base + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SettingException("interrupted");
    }
  }
}
