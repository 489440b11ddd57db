package dev.llmgateway.internal.plugins.testing;

import dev.llmgateway.plugin.ClientRequest;
import dev.llmgateway.plugin.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A client request for core code that reads one (the http-log entry bench): method, path, raw query, headers. */
public final class TestRequest implements ClientRequest {
  private String method = "GET";
  private String path = "/";
  private String rawQuery;
  private final TestHeaders headers = new TestHeaders();

  public static TestRequest get(String pathAndQuery) {
    return new TestRequest().method("GET").target(pathAndQuery);
  }

  public TestRequest method(String m) {
    this.method = m;
    return this;
  }

  /** Sets the path and, after a '?', the raw query. */
  public TestRequest target(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    this.path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    this.rawQuery = q < 0 ? null : pathAndQuery.substring(q + 1);
    return this;
  }

  public TestRequest header(String name, String value) {
    headers.add(name, value);
    return this;
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public String scheme() {
    return "http";
  }

  @Override
  public String host() {
    return "localhost";
  }

  @Override
  public int port() {
    return 8000;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public String rawQuery() {
    return rawQuery;
  }

  @Override
  public List<String> queryParams(String name) {
    if (rawQuery == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String n = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (n.equals(name)) {
        out.add(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @Override
  public Headers headers() {
    return headers;
  }

  @Override
  public String clientIp() {
    return "127.0.0.1";
  }

  @Override
  public String protocol() {
    return "HTTP/1.1";
  }
}
