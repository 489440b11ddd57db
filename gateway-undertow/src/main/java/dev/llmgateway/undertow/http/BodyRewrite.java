package dev.llmgateway.undertow.http;

import dev.llmgateway.plugin.BodyObserver;
import dev.llmgateway.plugin.BodyRewriter;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.ResponseContext;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xnio.channels.StreamSourceChannel;

/**
 * A proxied response whose body plugins rewrite ({@link Plugin#rewriteBody}): only bodies that are not streamed
 * qualify (a {@code Content-Length} within {@link Plugin#REWRITE_LIMIT}, not {@code text/event-stream}); the body
 * is read whole, passed through the rewriters in plugin order, and sent with its new length.
 */
final class BodyRewrite {
  /** How the read ends, for the response leg's bookkeeping. */
  interface Outcome {
    /** The rewritten body was sent (or the client left while it was); {@code bytes} were written. */
    void rewritten(long bytes, boolean clientOk);

    /** The upstream broke off or stalled before its body was whole; nothing has been sent. */
    void upstreamFailed(boolean stalled);
  }

  private BodyRewrite() {}

  /** The rewriters the plugins ask for, or null when none does or the response is streamed. */
  static List<BodyRewriter> rewriters(List<Plugin> plugins, ResponseContext ctx, HeaderMap headers, boolean bodiless) {
    if (bodiless || !rewritable(headers)) {
      return null;
    }
    List<BodyRewriter> out = null;
    for (Plugin p : plugins) {
      BodyRewriter r = p.rewriteBody(ctx);
      if (r != null) {
        if (out == null) {
          out = new ArrayList<>(2);
        }
        out.add(r);
      }
    }
    return out;
  }

  private static boolean rewritable(HeaderMap headers) {
    String length = headers.getFirst(Headers.CONTENT_LENGTH);
    if (length == null || headers.contains(Headers.TRANSFER_ENCODING)) {
      return false; // a body without a length is a stream: it is never held back
    }
    String type = headers.getFirst(Headers.CONTENT_TYPE);
    if (type != null && type.toLowerCase(Locale.ROOT).contains("text/event-stream")) {
      return false;
    }
    try {
      long n = Long.parseLong(length.trim());
      return n >= 0 && n <= Plugin.REWRITE_LIMIT;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Reads the upstream body from {@code source}, rewrites it, and sends it to the client. */
  static void run(HttpServerExchange exchange, StreamSourceChannel source, long idleMillis,
      List<BodyRewriter> rewriters, BodyObserver[] observers, Outcome outcome) {
    long declared = exchange.getResponseHeaders().getFirst(Headers.CONTENT_LENGTH) == null ? -1
        : Long.parseLong(exchange.getResponseHeaders().getFirst(Headers.CONTENT_LENGTH).trim());
    BodyReader.read(source, Plugin.REWRITE_LIMIT + 1, declared, idleMillis, new BodyReader.Done() {
      @Override
      public void bodyRead(byte[] bytes, int length, boolean complete, StreamSourceChannel channel) {
        if (!complete || length != declared) {
          outcome.upstreamFailed(false);
          return;
        }
        byte[] body = length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length);
        for (BodyRewriter r : rewriters) {
          body = r.rewrite(body);
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        if (observers != null) {
          for (BodyObserver o : observers) {
            o.onChunk(ByteBuffer.wrap(body).asReadOnlyBuffer());
            o.onEnd(true);
          }
        }
        byte[] sent = body;
        OwnResponse.writeBody(exchange, sent, () -> outcome.rewritten(sent.length, exchange.isComplete()));
      }

      @Override
      public void bodyFailed(IOException e) {
        outcome.upstreamFailed(false);
      }

      @Override
      public void bodyStalled() {
        outcome.upstreamFailed(true);
      }
    });
  }
}
