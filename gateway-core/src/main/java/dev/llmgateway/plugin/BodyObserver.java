package dev.llmgateway.plugin;

import java.nio.ByteBuffer;

/**
 * Sees each upstream response chunk as it is relayed to the client, on the IO thread. The buffer is read-only and
 * valid only during the call; never block or keep it.
 */
public interface BodyObserver {
  void onChunk(ByteBuffer chunk);

  /** The body ended: {@code complete} is false when the upstream or the client broke off. */
  default void onEnd(boolean complete) {}
}
