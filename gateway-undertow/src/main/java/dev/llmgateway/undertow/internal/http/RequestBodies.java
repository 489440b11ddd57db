package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.internal.proxy.ProxyFailure;
import dev.llmgateway.undertow.internal.upstream.RequestBody;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.xnio.channels.StreamSourceChannel;

/**
 * How much of a request body is read before the upstream call, and when. A plugin that needs the body gets it
 * whole, up to its limit (413 beyond). Otherwise bodies up to {@link #HELD_LIMIT} are held whole, so a stale
 * keep-alive connection can be retried with them; larger or unknown ones stream after what was read. Either way an
 * {@code Expect: 100-continue} is answered only when reading starts, after the access phase allowed the request.
 */
final class RequestBodies {
  /** Bodies up to this size are read before the upstream write (ordinary LLM requests). */
  static final int HELD_LIMIT = 64 * 1024;

  private RequestBodies() {}

  /** Reads the whole body for plugins that asked for it, then runs {@code then}; 413 when it exceeds {@code limit}. */
  static void forPlugins(ProxyExchange px, int limit, Runnable then) {
    HttpServerExchange exchange = px.exchange;
    long declared = exchange.getRequestContentLength();
    if (declared > limit) {
      px.fail(ProxyFailure.PAYLOAD_TOO_LARGE);
      return;
    }
    continueThen(px, () -> BodyReader.read(exchange.getRequestChannel(), limit + 1, declared,
        px.runtime.wiring.clientBodyTimeoutMillis(), new BodyReader.Done() {
      @Override
      public void bodyRead(byte[] bytes, int length, boolean complete, StreamSourceChannel channel) {
        if (!complete || length > limit) {
          exchange.setPersistent(false);
          px.fail(ProxyFailure.PAYLOAD_TOO_LARGE);
          return;
        }
        px.ctx.requestBody(length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
        then.run();
      }

      @Override
      public void bodyFailed(IOException e) {
        px.bodyFailed(e);
      }

      @Override
      public void bodyStalled() {
        px.fail(ProxyFailure.REQUEST_TIMEOUT);
      }
    }));
  }

  /** Reads what is held of the body (see the class comment), then calls the upstream. */
  static void forUpstream(ProxyExchange px) {
    continueThen(px, () -> {
      StreamSourceChannel channel = px.exchange.getRequestChannel();
      long declared = px.exchange.getRequestContentLength();
      if (declared > HELD_LIMIT) {
        px.callUpstream(new RequestBody(null, channel), declared);
        return;
      }
      BodyReader.read(channel, HELD_LIMIT, declared, px.runtime.wiring.clientBodyTimeoutMillis(),
          new BodyReader.Done() {
        @Override
        public void bodyRead(byte[] bytes, int length, boolean complete, StreamSourceChannel rest) {
          ByteBuffer held = ByteBuffer.wrap(bytes, 0, length);
          px.callUpstream(complete ? new RequestBody(held, null) : new RequestBody(held, rest),
              complete ? length : declared);
        }

        @Override
        public void bodyFailed(IOException e) {
          px.bodyFailed(e);
        }

        @Override
        public void bodyStalled() {
          px.fail(ProxyFailure.REQUEST_TIMEOUT);
        }
      });
    });
  }

  /** Answers {@code Expect: 100-continue} if the client asked, then runs {@code next} on the request's thread. */
  private static void continueThen(ProxyExchange px, Runnable next) {
    px.client.startReading();
    HttpServerExchange exchange = px.exchange;
    if (!HttpContinue.requiresContinueResponse(exchange)) {
      next.run();
      return;
    }
    HttpContinue.sendContinueResponse(exchange, new IoCallback() {
      @Override
      public void onComplete(HttpServerExchange e, Sender sender) {
        onRequestThread(exchange, next);
      }

      @Override
      public void onException(HttpServerExchange e, Sender sender, IOException error) {
        onRequestThread(exchange, px::clientLeft);
      }
    });
  }

  /** Undertow may complete the 100 response on a worker thread; the request continues on its IO thread. */
  private static void onRequestThread(HttpServerExchange exchange, Runnable task) {
    if (exchange.getIoThread() == Thread.currentThread()) {
      task.run();
    } else {
      exchange.getIoThread().execute(task);
    }
  }
}
