package dev.llmgateway.internal.route;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request as the adapter would present it: the raw path normalised once by {@link PathNormalizer}, the host
 * lowercase without port, header names case-insensitive.
 */
final class TestRequest implements RouteRequest {
  private String method = "GET";
  private String scheme = "http";
  private String host = "";
  private int port = 8000;
  private String sni;
  private final String path;
  private final Map<String, List<String>> headers = new LinkedHashMap<>();

  private TestRequest(String path) {
    this.path = path;
  }

  /** A GET to the raw path; fails the test when the path is rejected by the normaliser. */
  static TestRequest get(String rawPath) {
    String normalized = PathNormalizer.normalize(rawPath);
    if (normalized == null) {
      throw new AssertionError("path rejected: " + rawPath);
    }
    return new TestRequest(normalized);
  }

  TestRequest method(String m) {
    this.method = m;
    return this;
  }

  TestRequest scheme(String s) {
    this.scheme = s;
    return this;
  }

  TestRequest host(String h) {
    this.host = h.toLowerCase(Locale.ROOT);
    return this;
  }

  TestRequest port(int p) {
    this.port = p;
    return this;
  }

  TestRequest sni(String s) {
    this.sni = s;
    return this;
  }

  TestRequest header(String name, String... values) {
    headers.put(name.toLowerCase(Locale.ROOT), List.of(values));
    return this;
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public String scheme() {
    return scheme;
  }

  @Override
  public String host() {
    return host;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public List<String> headerValues(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  @Override
  public String sni() {
    return sni;
  }

  @Override
  public String toString() {
    return method + " " + scheme + "://" + host + ":" + port + path + " " + headers;
  }
}
