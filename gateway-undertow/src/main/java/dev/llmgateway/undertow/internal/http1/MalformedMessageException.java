package dev.llmgateway.undertow.internal.http1;

import java.io.IOException;

/**
 * A message whose framing breaks RFC 9112 (a bad chunk size, chunk data longer than its size, a bad trailer...).
 * Distinct from a peer that simply went away: the client gets a 400, an upstream's response a 502, and the
 * connection is closed either way since nothing after the fault can be trusted.
 */
public final class MalformedMessageException extends IOException {
  public MalformedMessageException(String message) {
    super(message);
  }
}
