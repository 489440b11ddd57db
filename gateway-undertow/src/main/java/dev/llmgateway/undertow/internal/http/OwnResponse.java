package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.internal.proxy.ProxyHeaderRules;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

/**
 * A response the gateway writes itself (Kong errors, plugin answers): status, the headers Kong puts on its own
 * responses ({@code Server}, {@code X-Kong-Response-Latency}, {@code X-Kong-Request-Id}), headers plugins added
 * during access, and a fixed body, written without blocking.
 */
final class OwnResponse implements ChannelListener<StreamSinkChannel> {
  static final HttpString RESPONSE_LATENCY = new HttpString("X-Kong-Response-Latency");
  static final HttpString REQUEST_ID = new HttpString("X-Kong-Request-Id");

  private final HttpServerExchange exchange;
  private final ByteBuffer body;
  private final Runnable done;
  private StreamSinkChannel channel;
  private boolean shutdown;

  private OwnResponse(HttpServerExchange exchange, byte[] body, Runnable done) {
    this.exchange = exchange;
    this.body = ByteBuffer.wrap(body);
    this.done = done;
  }

  /**
   * Sends the response and runs {@code done} once it is written or failed (the connection is then closed).
   *
   * @param pending headers plugins set during access, or null
   * @param headersReady runs once the head is complete and before anything is written (the plugins' response
   *     headers phase), or null
   */
  static void send(HttpServerExchange exchange, int status, String contentType, byte[] body, String requestId,
      long startNanos, HeaderMap pending, Runnable headersReady, Runnable done) {
    exchange.setStatusCode(status);
    HeaderMap h = exchange.getResponseHeaders();
    if (pending != null) {
      for (HeaderValues values : pending) {
        h.putAll(values.getHeaderName(), values);
      }
    }
    if (contentType != null) {
      h.put(Headers.CONTENT_TYPE, contentType);
    }
    h.put(Headers.CONTENT_LENGTH, body.length);
    h.put(Headers.SERVER, ProxyHeaderRules.SERVER);
    h.put(RESPONSE_LATENCY, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    h.put(REQUEST_ID, requestId);
    if (headersReady != null) {
      headersReady.run();
    }
    new OwnResponse(exchange, body, done).write();
  }

  /** Writes {@code body} as the whole response body (the head is already set), then runs {@code done}. */
  static void writeBody(HttpServerExchange exchange, byte[] body, Runnable done) {
    new OwnResponse(exchange, body, done).write();
  }

  private void write() {
    channel = exchange.getResponseChannel();
    if (channel == null) {
      IoUtils.safeClose(exchange.getConnection());
      done.run();
      return;
    }
    channel.getWriteSetter().set(this);
    handleEvent(channel);
  }

  @Override
  public void handleEvent(StreamSinkChannel c) {
    try {
      while (body.hasRemaining()) {
        if (c.write(body) == 0) {
          c.resumeWrites();
          return;
        }
      }
      if (!shutdown) {
        shutdown = true;
        c.shutdownWrites();
      }
      if (!c.flush()) {
        c.resumeWrites();
        return;
      }
      c.suspendWrites();
      exchange.endExchange();
    } catch (IOException e) {
      IoUtils.safeClose(exchange.getConnection());
    }
    done.run();
  }
}
