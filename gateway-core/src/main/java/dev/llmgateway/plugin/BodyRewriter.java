package dev.llmgateway.plugin;

/**
 * Rewrites a whole response body that is not streamed (Kong's buffering {@code body_filter}), on the IO thread:
 * keep it quick and never block. The gateway fixes {@code Content-Length} to the new body's length.
 */
@FunctionalInterface
public interface BodyRewriter {
  /** The body to send instead of {@code body} (which may be returned unchanged); never null. */
  byte[] rewrite(byte[] body);
}
