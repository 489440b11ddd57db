package dev.llmgateway.internal.balancer;

import dev.llmgateway.plugin.ClientRequest;
import dev.llmgateway.plugin.Headers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A client request with the parts consistent hashing reads, set by the test. */
final class FakeRequest implements ClientRequest {
  private final Map<String, List<String>> headers = new LinkedHashMap<>();
  private final Map<String, List<String>> query = new LinkedHashMap<>();
  private String ip = "127.0.0.1";
  private String path = "/";
  private UUID consumer;
  private Map<String, String> captures = Map.of();

  FakeRequest header(String name, String value) {
    headers.computeIfAbsent(name.toLowerCase(), k -> new ArrayList<>()).add(value);
    return this;
  }

  FakeRequest query(String name, String value) {
    query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    return this;
  }

  FakeRequest ip(String ip) {
    this.ip = ip;
    return this;
  }

  FakeRequest path(String path) {
    this.path = path;
    return this;
  }

  FakeRequest consumer(UUID id) {
    this.consumer = id;
    return this;
  }

  FakeRequest captures(Map<String, String> captures) {
    this.captures = captures;
    return this;
  }

  RequestFacts facts() {
    return new RequestFacts(this, consumer, null, captures);
  }

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public String scheme() {
    return "http";
  }

  @Override
  public String host() {
    return "gateway.test";
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
    return null;
  }

  @Override
  public List<String> queryParams(String name) {
    return query.getOrDefault(name, List.of());
  }

  @Override
  public Headers headers() {
    return new Headers() {
      @Override
      public String first(String name) {
        List<String> v = headers.get(name.toLowerCase());
        return v == null ? null : v.get(0);
      }

      @Override
      public List<String> all(String name) {
        return headers.getOrDefault(name.toLowerCase(), List.of());
      }

      @Override
      public Collection<String> names() {
        return headers.keySet();
      }
    };
  }

  @Override
  public String clientIp() {
    return ip;
  }

  @Override
  public String protocol() {
    return "HTTP/1.1";
  }
}
