package dev.llmgateway.internal.plugins.testing;

import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import dev.llmgateway.plugin.ClientRequest;
import dev.llmgateway.plugin.Headers;
import dev.llmgateway.plugin.LogContext;
import dev.llmgateway.plugin.RequestKey;

/**
 * A finished proxied request as the log phase sees it, for code that calls a plugin's log phase without a proxy
 * (the warm loops). It holds at most one request-state entry ({@code key}, {@code value}): a lookup is one compare,
 * so a loop times the plugin, not the fixture.
 */
public record TestLogContext(ClientRequest request, Route route, Service service, Consumer consumer,
    String credentialId, Headers responseHeaders, RequestKey<?> key, Object value, int status, long bytesSent,
    long bytesReceived, long totalMillis, long upstreamMillis, long kongMillis, String upstreamUri)
    implements LogContext {

  @Override
  public String requestId() {
    return "4f3c2a1b9d8e7f6a5b4c3d2e1f0a9b8c";
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(RequestKey<T> k) {
    return k == key ? (T) value : null;
  }

  @Override
  public <T> void put(RequestKey<T> k, T v) {
    throw new UnsupportedOperationException("the log phase only reads");
  }

  @Override
  public long startedAt() {
    return 1_796_000_000_000L;
  }

  @Override
  public String failure() {
    return null;
  }
}
