package dev.llmgateway.plugin;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The {@link BodyRewriter} that {@link BodyRewriter#whole} makes: it holds a body that is not streamed and rewrites
 * it once it is complete. When every rewriter on a response is one, the gateway reads the body itself and calls
 * {@link #rewriteWhole} (the response keeps an exact {@code Content-Length}, and an upstream that stalls or breaks
 * off is answered with Kong's 504 or 502); behind a streaming rewriter it buffers the chunks it is given, and
 * passes them on unchanged should they exceed {@link Plugin#REWRITE_LIMIT}.
 */
public final class WholeBodyRewriter implements BodyRewriter {
  private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

  private final UnaryOperator<byte[]> rewrite;
  private byte[] held = new byte[0];
  private int length;
  private boolean passThrough;

  private WholeBodyRewriter(UnaryOperator<byte[]> rewrite) {
    this.rewrite = rewrite;
  }

  static WholeBodyRewriter of(ResponseContext ctx, UnaryOperator<byte[]> rewrite) {
    Objects.requireNonNull(rewrite, "rewrite");
    return declaredLength(ctx.responseHeaders()) >= 0 ? new WholeBodyRewriter(rewrite) : null;
  }

  /**
   * The {@code Content-Length} of a body that may be held whole, or -1 when it is a stream (no length, a
   * {@code Transfer-Encoding}, {@code text/event-stream}) or larger than {@link Plugin#REWRITE_LIMIT}.
   */
  public static long declaredLength(Headers headers) {
    String length = headers.first("Content-Length");
    if (length == null || headers.contains("Transfer-Encoding")) {
      return -1;
    }
    String type = headers.first("Content-Type");
    if (type != null && type.toLowerCase(Locale.ROOT).contains("text/event-stream")) {
      return -1;
    }
    try {
      long n = Long.parseLong(length.trim());
      return n >= 0 && n <= Plugin.REWRITE_LIMIT ? n : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The body to send instead of the whole {@code body}, as the plugin's function makes it. */
  public byte[] rewriteWhole(byte[] body) {
    return Objects.requireNonNull(rewrite.apply(body), "a whole-body rewriter returned null");
  }

  @Override
  public ByteBuffer rewrite(ByteBuffer chunk) {
    if (passThrough) {
      return chunk;
    }
    int n = chunk.remaining();
    if ((long) length + n > Plugin.REWRITE_LIMIT) {
      // more than a whole body may be: give up rewriting rather than hold a stream
      passThrough = true;
      ByteBuffer out = ByteBuffer.allocate(length + n);
      out.put(held, 0, length).put(chunk.duplicate()).flip();
      held = null;
      return out;
    }
    if (length + n > held.length) {
      held = Arrays.copyOf(held, Math.max(length + n, Math.min(Plugin.REWRITE_LIMIT, held.length * 2)));
    }
    chunk.duplicate().get(held, length, n);
    length += n;
    return NOTHING;
  }

  @Override
  public ByteBuffer finish() {
    if (passThrough) {
      return null;
    }
    byte[] body = rewriteWhole(Arrays.copyOf(held, length));
    held = null;
    return ByteBuffer.wrap(body);
  }
}
