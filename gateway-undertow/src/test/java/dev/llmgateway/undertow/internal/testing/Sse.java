package dev.llmgateway.undertow.internal.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Reads server-sent events from a chunked response, one event (up to its blank line) at a time. */
public final class Sse {
  private final RawHttpConnection connection;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  public Sse(RawHttpConnection connection) {
    this.connection = connection;
  }

  /** The next event including its terminating blank line; null when the body ended cleanly first. */
  public String next() throws IOException {
    while (true) {
      String text = pending.toString(StandardCharsets.UTF_8);
      int end = text.indexOf("\n\n");
      if (end >= 0) {
        pending.reset();
        pending.write(text.substring(end + 2).getBytes(StandardCharsets.UTF_8));
        return text.substring(0, end + 2);
      }
      byte[] chunk = connection.readChunk();
      if (chunk == null) {
        return null;
      }
      pending.write(chunk);
    }
  }
}
