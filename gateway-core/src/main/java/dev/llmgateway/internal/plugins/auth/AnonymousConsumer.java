package dev.llmgateway.internal.plugins.auth;

import dev.llmgateway.entity.Consumer;
import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.Verdict;
import dev.llmgateway.internal.plugins.keyauth.ConsumerHeaders;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Kong's {@code anonymous} option of an authentication plugin: when a request fails to authenticate, it continues
 * as the configured consumer instead (the logical OR between auth plugins), and a request an earlier auth plugin
 * already authenticated is left alone. One per plugin type, holding what differs between Kong's plugins: the name
 * in the log line and the body answered when the anonymous consumer does not exist.
 */
public final class AnonymousConsumer {
  /** How a plugin answers when its {@code anonymous} consumer does not exist (Kong's plugins differ). */
  public enum WhenMissing {
    /** 500 {@code An unexpected error occurred} (Kong's key-auth: a Lua error). */
    UNEXPECTED_ERROR,
    /** 500 {@code anonymous consumer <id> is configured but doesn't exist} (Kong's basic-auth and jwt). */
    NAME_IT
  }

  private static final Logger LOG = Logger.getLogger(AnonymousConsumer.class.getName());

  private final String plugin;
  private final WhenMissing whenMissing;

  public AnonymousConsumer(String plugin, WhenMissing whenMissing) {
    this.plugin = plugin;
    this.whenMissing = whenMissing;
  }

  /** True when {@code anonymous} is set and an earlier auth plugin already authenticated a credential. */
  public boolean alreadyAuthenticated(AccessContext ctx, String anonymous) {
    return anonymous != null && ctx.credentialId() != null;
  }

  /**
   * What a failed authentication turns into: {@code failure} itself without {@code anonymous} or when it is a 500;
   * otherwise the request proceeds as the anonymous consumer, with Kong's consumer headers and
   * {@code X-Anonymous-Consumer: true}.
   */
  public Verdict afterFailure(AccessContext ctx, String anonymous, Verdict failure) {
    if (anonymous == null || failure.status() == 500) {
      return failure;
    }
    Consumer consumer = ctx.config().consumer(anonymous);
    if (consumer == null) {
      LOG.log(Level.SEVERE, "{0}: anonymous consumer {1} is configured but doesn''t exist",
          new Object[] {plugin, anonymous});
      return Verdict.error(500, whenMissing == WhenMissing.NAME_IT
          ? "anonymous consumer " + anonymous + " is configured but doesn't exist"
          : "An unexpected error occurred");
    }
    ctx.authenticate(consumer, null);
    ConsumerHeaders.set(ctx.upstream().headers(), consumer, null);
    return Verdict.proceed();
  }
}
