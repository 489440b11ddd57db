package dev.llmgateway.internal.plugins.ratelimiting;

import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.Verdict;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One configured rate-limiting plugin (Kong's {@code handler.lua}): counts the request by its identifier in
 * every configured window through the policy, sets Kong's headers on the response, and answers
 * {@code error_code}/{@code error_message} (429 "API rate limit exceeded") when a window is full.
 */
final class RateLimitingPlugin implements Plugin {
  private static final Logger LOG = Logger.getLogger(RateLimitingPlugin.class.getName());

  private final RateLimitingConfig conf;
  private final WindowLimits limits;
  private final RateLimitPolicy policy;
  private final Clock clock;
  private final AtomicBoolean storeFailureLogged = new AtomicBoolean();

  RateLimitingPlugin(RateLimitingConfig conf, RateLimitPolicy policy, Clock clock) {
    this.conf = conf;
    this.limits = WindowLimits.of(conf.limits());
    this.policy = policy;
    this.clock = clock;
  }

  @Override
  public boolean blocking() {
    return policy.blocking();
  }

  @Override
  public Verdict access(AccessContext ctx) {
    if (limits.size() == 0) {
      return Verdict.proceed();
    }
    long now = clock.millis();
    String identifier = Identifier.of(conf, ctx);
    Usage usage;
    try {
      usage = policy.acquire(identifier, limits, now);
    } catch (RateLimitPolicy.CounterStoreException e) {
      return storeFailed(e);
    }
    if (!conf.hideClientHeaders()) {
      RateLimitHeaders.set(ctx.responseHeaders(), limits, usage, now);
    }
    return usage.isAllowed() ? Verdict.proceed() : Verdict.error(conf.errorCode(), conf.errorMessage());
  }

  /** Kong's {@code fault_tolerant}: proxy without limits (and without headers), or answer 500. */
  private Verdict storeFailed(RuntimeException e) {
    if (storeFailureLogged.compareAndSet(false, true) || !conf.faultTolerant()) {
      LOG.log(Level.SEVERE, "rate-limiting: failed to get usage: " + e.getMessage());
    }
    return conf.faultTolerant() ? Verdict.proceed() : Verdict.error(500, "An unexpected error occurred");
  }
}
