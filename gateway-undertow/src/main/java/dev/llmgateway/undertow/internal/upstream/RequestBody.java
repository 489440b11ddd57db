package dev.llmgateway.undertow.internal.upstream;

import java.nio.ByteBuffer;
import org.xnio.channels.StreamSourceChannel;

/**
 * The request body as the upstream call sends it: bytes already held (read before the call), then, when the body
 * was too large to hold, the rest still on the client's channel. Only a body that is wholly held can be sent twice.
 */
public record RequestBody(ByteBuffer held, StreamSourceChannel rest) {
  /** No body at all. */
  public static final RequestBody NONE = new RequestBody(null, null);

  /** True when every byte is held, so a retry can send the body again. */
  public boolean complete() {
    return rest == null;
  }
}
