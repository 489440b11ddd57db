package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.plugin.BodyObserver;
import dev.llmgateway.plugin.BodyRewriter;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.ResponseContext;
import dev.llmgateway.plugin.WholeBodyRewriter;
import dev.llmgateway.undertow.internal.upstream.BodyObservers;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.xnio.channels.StreamSourceChannel;

/**
 * The rewriters plugins put on a proxied response ({@link Plugin#rewriteBody}), and the held path for the case
 * where every one of them is a {@link WholeBodyRewriter}: the body (not a stream, at most
 * {@link Plugin#REWRITE_LIMIT}) is read whole, passed through them in plugin order, and sent with its new length,
 * and an upstream that stalls or breaks off before the body is whole gets Kong's 504 or 502 since nothing has been
 * sent. Any streaming rewriter among them has the relay rewrite the body as it streams (BodyRewriters) instead.
 */
final class BodyRewrite {
  /** How the read ends, for the response leg's bookkeeping. */
  interface Outcome {
    /** The rewritten body was sent (or the client left while it was); {@code bytes} were written. */
    void rewritten(long bytes, boolean clientOk);

    /** The upstream broke off or stalled before its body was whole; nothing has been sent. */
    void upstreamFailed(boolean stalled);

    /** A plugin's rewrite threw; nothing has been sent. */
    void rewriteFailed(RuntimeException e);
  }

  private BodyRewrite() {}

  /** The rewriters the plugins ask for, in plugin order, or null when none does. */
  static BodyRewriter[] rewriters(List<Plugin> plugins, ResponseContext ctx) {
    BodyRewriter[] out = null;
    for (Plugin p : plugins) {
      BodyRewriter r = p.rewriteBody(ctx);
      if (r != null) {
        out = out == null ? new BodyRewriter[] {r} : append(out, r);
      }
    }
    return out;
  }

  private static BodyRewriter[] append(BodyRewriter[] all, BodyRewriter r) {
    BodyRewriter[] more = Arrays.copyOf(all, all.length + 1);
    more[all.length] = r;
    return more;
  }

  /**
   * The rewriters as whole-body ones when every one is and the body may still be held (its length known and within
   * the limit); null when the body must stream through the rewriters instead.
   */
  static WholeBodyRewriter[] held(BodyRewriter[] rewriters, ResponseContext ctx) {
    WholeBodyRewriter[] whole = new WholeBodyRewriter[rewriters.length];
    for (int i = 0; i < rewriters.length; i++) {
      if (!(rewriters[i] instanceof WholeBodyRewriter w)) {
        return null;
      }
      whole[i] = w;
    }
    return WholeBodyRewriter.declaredLength(ctx.responseHeaders()) >= 0 ? whole : null;
  }

  /**
   * Reads the upstream body from {@code source}, shows it to the observers as the upstream sent it, rewrites it,
   * and sends it to the client with its new length.
   */
  static void run(HttpServerExchange exchange, ResponseContext ctx, StreamSourceChannel source, long idleMillis,
      WholeBodyRewriter[] rewriters, BodyObserver[] observers, Outcome outcome) {
    long declared = WholeBodyRewriter.declaredLength(ctx.responseHeaders());
    BodyReader.read(source, Plugin.REWRITE_LIMIT + 1, declared, idleMillis, new BodyReader.Done() {
      @Override
      public void bodyRead(byte[] bytes, int length, boolean complete, StreamSourceChannel channel) {
        BodyObservers watching = new BodyObservers(observers);
        if (!complete || length != declared) {
          watching.end(false);
          outcome.upstreamFailed(false);
          return;
        }
        byte[] body = length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
        watching.chunk(ByteBuffer.wrap(body).asReadOnlyBuffer(), body.length); // a throwing observer is ignored
        watching.end(true);
        try {
          for (WholeBodyRewriter r : rewriters) {
            body = r.rewriteWhole(body);
          }
        } catch (RuntimeException e) {
          outcome.rewriteFailed(e);
          return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
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
