package dev.llmgateway.plugin;

import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;

/** What every phase can see about the request being handled: who, where to, and per-request attributes. */
public interface RequestState {
  ClientRequest request();

  /** The matched route. */
  Route route();

  /** The route's service; null when the route has none. */
  Service service();

  /** The authenticated (or anonymous) consumer, or null. */
  Consumer consumer();

  /** The id of the credential that authenticated the consumer, or null. */
  String credentialId();

  /** The request id sent as {@code X-Kong-Request-Id} (32 hex characters). */
  String requestId();

  /** A per-request attribute, or null. */
  <T> T get(RequestKey<T> key);

  /** Sets a per-request attribute. */
  <T> void put(RequestKey<T> key, T value);
}
