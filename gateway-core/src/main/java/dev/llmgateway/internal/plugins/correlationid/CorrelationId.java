package dev.llmgateway.internal.plugins.correlationid;

import dev.llmgateway.plugin.RequestKey;

/** Where the correlation-id plugin leaves a request's id, for the log serializer's {@code correlation_id}. */
public final class CorrelationId {
  /** The request's correlation id (received or generated). */
  public static final RequestKey<String> KEY = RequestKey.of("correlation-id", String.class);

  private CorrelationId() {}
}
