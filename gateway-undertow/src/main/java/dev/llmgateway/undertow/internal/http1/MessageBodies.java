package dev.llmgateway.undertow.internal.http1;

import io.undertow.client.ClientRequest;
import io.undertow.conduits.ChunkedStreamSinkConduit;
import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import java.io.IOException;
import org.xnio.conduits.StreamSinkConduit;
import org.xnio.conduits.StreamSourceConduit;

/**
 * The body conduits of the upstream leg: the request body written with its framing, the response body read by
 * its framing. None of them shuts the connection down at the body's end, so the connection can carry the next
 * exchange; each reports where the body ended so that a connection with bytes past the end is never reused.
 */
public final class MessageBodies {
  private MessageBodies() {}

  /** A response body of {@code length} bytes; {@code initial} holds those that arrived with the head (or null). */
  public static StreamSourceConduit fixed(StreamSourceConduit next, PooledByteBuffer initial, long length,
      BodyEnd end) {
    return new LengthSourceConduit(next, initial, length, end);
  }

  /** A response body that ends when the upstream closes the connection. */
  public static StreamSourceConduit untilClose(StreamSourceConduit next, PooledByteBuffer initial, BodyEnd end) {
    return new LengthSourceConduit(next, initial, -1, end);
  }

  /** A chunked response body, decoded strictly ({@link ChunkedDecoder}); trailers are discarded. */
  public static StreamSourceConduit chunked(StreamSourceConduit next, PooledByteBuffer initial, ByteBufferPool pool,
      BodyEnd end) {
    return new ChunkedSourceConduit(next, initial, pool, leftover -> {
      if (leftover != null) {
        leftover.close();
      }
      end.ended(leftover != null);
    });
  }

  /** Gives back any buffer a response body conduit holds; for a body abandoned with its connection. */
  public static void release(StreamSourceConduit body) {
    if (body instanceof LengthSourceConduit l) {
      l.release();
    } else if (body instanceof ChunkedSourceConduit c) {
      c.release();
    }
  }

  /** A request body of a declared length. */
  public static StreamSinkConduit fixed(StreamSinkConduit next, long length) {
    return new FixedLengthSinkConduit(next, length);
  }

  /**
   * A chunked request body (Undertow's encoder). Its head is already on the wire, so the encoder must never take an
   * empty body for one whose head it may still rewrite: it is flushed once before use, which marks it started.
   */
  public static StreamSinkConduit chunked(StreamSinkConduit next, ByteBufferPool pool, ClientRequest request)
      throws IOException {
    ChunkedStreamSinkConduit chunked = new ChunkedStreamSinkConduit(next, pool, true, false,
        request.getRequestHeaders(), null, request);
    chunked.flush();
    return chunked;
  }
}
