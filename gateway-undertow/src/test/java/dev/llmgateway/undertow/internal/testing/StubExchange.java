package dev.llmgateway.undertow.internal.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A handler's side of one stub request: answer at once ({@link #respond}), or stream ({@link #startChunked},
 * {@link #startFixed}, {@link #write}, {@link #end}), or misbehave ({@link #close}, {@link #reset}). Writes queue
 * bytes for the stub's loop; large bodies wait while too much is queued, so a slow reader slows the writer.
 */
public final class StubExchange {
  private final StubConnection connection;
  private final StubRequest request;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private boolean chunked;
  private boolean ended;

  StubExchange(StubConnection connection, StubRequest request) {
    this.connection = connection;
    this.request = request;
  }

  public StubRequest request() {
    return request;
  }

  /** Adds a response header for the head still to be written. */
  public StubExchange header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** A whole response with {@code Content-Length}. */
  public void respond(int status, String contentType, byte[] body) throws IOException {
    headers.put("Content-Type", contentType);
    headers.put("Content-Length", Integer.toString(body.length));
    head(status);
    if (body.length > 0) {
      connection.send(ByteBuffer.wrap(body), true);
    }
    end();
  }

  public void respond(int status, String contentType, String body) throws IOException {
    respond(status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Starts a chunked response; each {@link #write} is one chunk. */
  public void startChunked(int status, String contentType) throws IOException {
    chunked = true;
    headers.put("Content-Type", contentType);
    headers.put("Transfer-Encoding", "chunked");
    head(status);
  }

  /** Starts a response of {@code length} bytes. */
  public void startFixed(int status, String contentType, long length) throws IOException {
    headers.put("Content-Type", contentType);
    headers.put("Content-Length", Long.toString(length));
    head(status);
  }

  private void head(int status) throws IOException {
    StringBuilder b = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n");
    headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
    b.append("\r\n");
    connection.send(ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.ISO_8859_1)), false);
  }

  /** Writes body bytes (one chunk when chunked), waiting while the connection's queue is full. */
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (chunked) {
      String size = Integer.toHexString(length) + "\r\n";
      ByteBuffer framed = ByteBuffer.allocate(size.length() + length + 2);
      framed.put(size.getBytes(StandardCharsets.ISO_8859_1)).put(bytes, offset, length).put((byte) '\r')
          .put((byte) '\n').flip();
      connection.send(framed, true);
    } else {
      ByteBuffer copy = ByteBuffer.allocate(length).put(bytes, offset, length).flip();
      connection.send(copy, true);
    }
  }

  public void write(String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    write(bytes, 0, bytes.length);
  }

  /** Ends the response (the final chunk when chunked); the connection then takes its next request. */
  public void end() throws IOException {
    if (ended) {
      return;
    }
    ended = true;
    if (chunked) {
      connection.send(ByteBuffer.wrap("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)), false);
    }
    connection.responseEnded();
  }

  /** Writes bytes exactly as given (for responses that are not valid HTTP). */
  public void writeRaw(String text) throws IOException {
    connection.send(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)), true);
  }

  /** Closes the connection (FIN) after what was queued. */
  public void close() {
    ended = true;
    connection.close(false);
  }

  /** Resets the connection (RST), dropping whatever was queued. */
  public void reset() {
    ended = true;
    connection.close(true);
  }

  /** Waits until the peer (the gateway) closed this connection; false when it is still open after {@code max}. */
  public boolean awaitPeerClose(Duration max) {
    try {
      return connection.closed.get(max.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return false;
    }
  }

  /** True once the connection is closed by either side. */
  public boolean isClosed() {
    return connection.closed.isDone();
  }

  /** Bytes of this connection that reached the socket so far. */
  public long bytesWritten() {
    return connection.written();
  }
}
