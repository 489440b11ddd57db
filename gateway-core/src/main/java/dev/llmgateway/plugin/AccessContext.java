package dev.llmgateway.plugin;

import dev.llmgateway.config.ConfigView;
import dev.llmgateway.entity.Consumer;

/** The access phase's view of a request: read the client request, change the upstream one, authenticate. */
public interface AccessContext extends RequestState {
  /** The upstream request to change: headers, query, body. */
  UpstreamRequest upstream();

  /** Headers to add to whatever the client finally receives, proxied or answered by a plugin. */
  MutableHeaders responseHeaders();

  /**
   * Sets the consumer after authentication; plugins with a lower priority are then chosen with this consumer in
   * scope (Kong's consumer-scoped plugins). {@code credentialId} may be null (anonymous).
   */
  void authenticate(Consumer consumer, String credentialId);

  /**
   * The buffered request body, when some plugin asked for it ({@link Plugin#requestBodyLimit}); else null. After an
   * earlier plugin's {@link UpstreamRequest#replaceBody}, the replaced body (as Kong's later plugins see it).
   */
  byte[] requestBody();

  /** The configuration this request runs on (the snapshot it started with). */
  ConfigView config();
}
