package dev.llmgateway.internal.plugins.testing;

import dev.llmgateway.internal.config.ConfigSnapshot;
import dev.llmgateway.config.ConfigView;
import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.ClientRequest;
import dev.llmgateway.plugin.MutableHeaders;
import dev.llmgateway.plugin.RequestKey;
import dev.llmgateway.plugin.UpstreamRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One request's access phase for plugin tests: the client request, the upstream request plugins change (headers
 * start as a copy of the client's, removed query arguments and a replaced body are recorded), and the response
 * headers plugins add. A hand-written stand-in for the server's request context whose behaviour has drifted from
 * it: only rate-limiting's access tests still run through it (via {@link TestGateway#run}); new tests go through a
 * real gateway (gateway-testkit), and this class goes once those move.
 */
public final class TestExchange implements AccessContext {
  private final TestRequest request;
  private final ConfigSnapshot snapshot;
  private final Route route;
  private final TestHeaders upstreamHeaders;
  private final TestHeaders responseHeaders = new TestHeaders();
  private final List<String> removedQueryParams = new ArrayList<>();
  private final Map<RequestKey<?>, Object> attributes = new HashMap<>();
  private byte[] upstreamBody;
  private Consumer consumer;
  private String credentialId;

  private long bodyLimit = -1;

  public TestExchange(TestRequest request, ConfigSnapshot snapshot, Route route) {
    this.request = request;
    this.snapshot = snapshot;
    this.route = route;
    this.upstreamHeaders = new TestHeaders(request.mutableHeaders());
    this.upstreamBody = request.body();
  }

  @Override
  public UpstreamRequest upstream() {
    return new UpstreamRequest() {
      @Override
      public MutableHeaders headers() {
        return upstreamHeaders;
      }

      @Override
      public void removeQueryParam(String name) {
        removedQueryParams.add(name);
      }

      @Override
      public void replaceBody(byte[] body) {
        upstreamBody = body.clone();
      }

      @Override
      public void limitBody(long maxBytes, int status, String message) {
        bodyLimit = maxBytes;
      }
    };
  }

  /** The cap a plugin set on a streamed body, or -1. */
  public long bodyLimit() {
    return bodyLimit;
  }

  public TestHeaders upstreamHeaders() {
    return upstreamHeaders;
  }

  public List<String> removedQueryParams() {
    return removedQueryParams;
  }

  public byte[] upstreamBody() {
    return upstreamBody;
  }

  @Override
  public TestHeaders responseHeaders() {
    return responseHeaders;
  }

  @Override
  public void authenticate(Consumer consumer, String credentialId) {
    this.consumer = consumer;
    this.credentialId = credentialId;
  }

  @Override
  public byte[] requestBody() {
    return request.body() == null ? null : upstreamBody;
  }

  @Override
  public ConfigView config() {
    return snapshot;
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
    return route == null || route.serviceId() == null ? null : snapshot.service(route.serviceId());
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
    return "00000000000000000000000000000000";
  }

  @Override
  public <T> T get(RequestKey<T> key) {
    return key.cast(attributes.get(key));
  }

  @Override
  public <T> void put(RequestKey<T> key, T value) {
    attributes.put(key, value);
  }
}
