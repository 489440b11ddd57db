package dev.llmgateway.launcher;

import dev.llmgateway.internal.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/** A small JDK HttpClient wrapper for the jar's integration tests: bounded waits, forms, JSON, SSE lines. */
final class Http {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final HttpClient client;
  private final Duration timeout;

  Http() {
    this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build());
  }

  Http(HttpClient client) {
    this(client, TIMEOUT);
  }

  /** A client whose requests may take up to {@code timeout} (loading a large configuration). */
  Http(Duration timeout) {
    this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build(), timeout);
  }

  private Http(HttpClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  /** An HTTP/2 client over TLS trusting {@code trust}. */
  static Http h2(SSLContext trust) {
    return new Http(HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(trust)
        .connectTimeout(TIMEOUT).build());
  }

  HttpResponse<String> get(URI uri, String... headers) throws Exception {
    return send(request(uri, headers).GET());
  }

  HttpResponse<String> delete(URI uri, String... headers) throws Exception {
    return send(request(uri, headers).DELETE());
  }

  HttpResponse<String> postJson(URI uri, String json, String... headers) throws Exception {
    return send(request(uri, headers).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** A form body as curl's {@code -d} sends it; pairs of name and value. */
  HttpResponse<String> form(String method, URI uri, List<String> pairs, String... headers) throws Exception {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < pairs.size(); i += 2) {
      if (body.length() > 0) {
        body.append('&');
      }
      body.append(URLEncoder.encode(pairs.get(i), StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(pairs.get(i + 1), StandardCharsets.UTF_8));
    }
    return send(request(uri, headers).header("Content-Type", "application/x-www-form-urlencoded")
        .method(method, HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  /** A streaming POST: the response body as lines, read as they arrive. */
  Lines stream(URI uri, String json, String... headers) throws Exception {
    HttpResponse<InputStream> response = client.send(request(uri, headers)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    return new Lines(response);
  }

  private HttpRequest.Builder request(URI uri, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static Map<String, Object> json(HttpResponse<String> response) {
    return Json.parseObject(response.body());
  }

  /** The lines of a streamed response; {@link #nextData()} skips blank lines between SSE events. */
  static final class Lines implements AutoCloseable {
    final HttpResponse<InputStream> response;
    private final BufferedReader reader;

    Lines(HttpResponse<InputStream> response) {
      this.response = response;
      this.reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    /** The next {@code data:} line's value; null at the end of the body. */
    String nextData() throws IOException {
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.startsWith("data: ")) {
          return line.substring("data: ".length());
        }
      }
      return null;
    }

    /** Every remaining data value. */
    List<String> rest() throws IOException {
      List<String> out = new ArrayList<>();
      for (String d; (d = nextData()) != null; ) {
        out.add(d);
      }
      return out;
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }
}
