package dev.llmgateway.internal.llm;

import dev.llmgateway.plugin.RequestKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A capped copy of an LLM call's bodies for {@link LlmPayloads}, made when a plugin logs payloads: the access
 * phase leaves it under {@link #KEY} with the request, and {@link UsageMeter} copies the upstream's response
 * chunks into it as they pass (never holding the stream: the client's bytes are sent as before), up to
 * {@link LlmPayloads#MAX_BYTES}.
 */
public final class PayloadCapture {
  /** Where the access phase leaves the capture for the response phases. */
  public static final RequestKey<PayloadCapture> KEY = RequestKey.of("llm.payload-capture", PayloadCapture.class);

  private final String request;
  private final boolean requestTruncated;
  private byte[] response = new byte[1024];
  private int length;
  private boolean responseTruncated;

  /** A capture whose request is {@code body} (null: none), cut at the cap. */
  public PayloadCapture(byte[] body) {
    if (body == null) {
      request = null;
      requestTruncated = false;
    } else {
      int n = Math.min(body.length, LlmPayloads.MAX_BYTES);
      request = new String(body, 0, n, StandardCharsets.UTF_8);
      requestTruncated = n < body.length;
    }
  }

  /** Copies what still fits of {@code chunk}, leaving its position alone. Runs on the IO thread. */
  void append(ByteBuffer chunk) {
    int n = chunk.remaining();
    int room = LlmPayloads.MAX_BYTES - length;
    if (n > room) {
      responseTruncated = true;
      n = room;
    }
    if (n <= 0) {
      return;
    }
    if (length + n > response.length) {
      response = Arrays.copyOf(response, Math.min(LlmPayloads.MAX_BYTES, Math.max(response.length * 2, length + n)));
    }
    chunk.get(chunk.position(), response, length, n);
    length += n;
  }

  /** The payloads as captured so far. */
  LlmPayloads payloads() {
    return new LlmPayloads(request, requestTruncated, new String(response, 0, length, StandardCharsets.UTF_8),
        responseTruncated);
  }
}
