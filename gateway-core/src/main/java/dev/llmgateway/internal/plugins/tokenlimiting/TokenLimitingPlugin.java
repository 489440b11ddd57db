package dev.llmgateway.internal.plugins.tokenlimiting;

import dev.llmgateway.internal.llm.LlmRequest;
import dev.llmgateway.internal.llm.LlmStats;
import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.LogContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.RequestKey;
import dev.llmgateway.plugin.Verdict;
import dev.llmgateway.internal.plugins.ratelimiting.Period;
import dev.llmgateway.internal.plugins.ratelimiting.RateLimitPolicy;
import dev.llmgateway.internal.plugins.ratelimiting.Usage;
import dev.llmgateway.internal.plugins.ratelimiting.WindowLimits;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One ai-token-limiting instance: reserves at admission (estimated prompt tokens plus {@code max_tokens}, or the
 * configured default), answers 429 once a window is spent, and settles with the measured usage in the log phase
 * (a request that never reached a response gives its whole reservation back).
 */
final class TokenLimitingPlugin implements Plugin {
  /** What this request reserved, for the settlement. */
  record Reservation(String identifier, long tokens, long atMillis) {}

  private static final System.Logger LOG = System.getLogger(TokenLimitingPlugin.class.getName());
  private static final RequestKey<Reservation> RESERVATION =
      RequestKey.of("ai-token-limiting.reservation", Reservation.class);

  private final TokenLimitingConfig config;
  private final TokenPolicy policy;
  private final Clock clock;
  private final WindowLimits limits;
  private final AtomicBoolean storeFailureLogged = new AtomicBoolean();

  TokenLimitingPlugin(TokenLimitingConfig config, TokenPolicy policy, Clock clock) {
    this.config = config;
    this.policy = policy;
    this.clock = clock;
    this.limits = WindowLimits.of(config.limits());
  }

  @Override
  public boolean blocking() {
    return policy.blocking();
  }

  @Override
  public Verdict access(AccessContext ctx) {
    LlmRequest request = ctx.get(LlmRequest.KEY);
    long prompt = request == null ? 0 : request.promptEstimate();
    long completion = request == null || request.maxTokens() < 0 ? config.defaultMaxTokens() : request.maxTokens();
    long tokens = switch (config.tokensCountStrategy()) {
      case "prompt_tokens" -> prompt;
      case "completion_tokens" -> completion;
      default -> LocalTokenPolicy.add(prompt, completion);
    };
    String identifier = identifier(ctx);
    long now = clock.millis();
    Usage usage;
    try {
      usage = policy.reserve(identifier, limits, tokens, now);
    } catch (RateLimitPolicy.CounterStoreException e) {
      return storeFailed("reserve", e);
    }
    if (!usage.isAllowed()) {
      Verdict refused = Verdict.error(429, config.errorMessage());
      if (!config.hideClientHeaders()) {
        for (int i = 0; i < limits.size(); i++) {
          refused = refused.withHeader(limitHeader(i), limitText(i))
              .withHeader(remainingHeader(i), Long.toString(remaining(i, usage)));
        }
        Period p = limits.period(usage.exceeded());
        long retry = Math.max(1, (p.windowEnd(p.windowStart(now)) - now + 999) / 1000);
        refused = refused.withHeader("X-AI-RateLimit-Retry-After-" + title(p), Long.toString(retry))
            .withHeader("Retry-After", Long.toString(retry));
      }
      return refused;
    }
    if (!config.hideClientHeaders()) {
      for (int i = 0; i < limits.size(); i++) {
        ctx.responseHeaders().set(limitHeader(i), limitText(i));
        ctx.responseHeaders().set(remainingHeader(i), Long.toString(remaining(i, usage)));
      }
    }
    ctx.put(RESERVATION, new Reservation(identifier, tokens, now));
    return Verdict.proceed();
  }

  @Override
  public void log(LogContext ctx) {
    Reservation r = ctx.get(RESERVATION);
    if (r == null) {
      return;
    }
    LlmStats stats = ctx.get(LlmStats.KEY);
    long measured = stats == null ? 0 : switch (config.tokensCountStrategy()) {
      case "prompt_tokens" -> stats.promptTokens();
      case "completion_tokens" -> stats.completionTokens();
      default -> stats.totalTokens();
    };
    try {
      policy.settle(r.identifier(), limits, r.atMillis(), measured - r.tokens());
    } catch (RateLimitPolicy.CounterStoreException e) {
      storeFailed("settle", e); // the reservation stays counted: a budget errs on the side of the limit
    }
  }

  /** Like rate-limiting's {@code fault_tolerant}: proxy without a reservation (and headers), or answer 500. */
  private Verdict storeFailed(String what, RuntimeException e) {
    if (storeFailureLogged.compareAndSet(false, true) || !config.faultTolerant()) {
      LOG.log(System.Logger.Level.ERROR, "ai-token-limiting: failed to " + what + " tokens: " + e.getMessage());
    }
    return config.faultTolerant() ? Verdict.proceed() : Verdict.error(500, "An unexpected error occurred");
  }

  private String identifier(AccessContext ctx) {
    String id = switch (config.limitBy()) {
      case "consumer" -> ctx.consumer() != null ? ctx.consumer().id().toString() : ctx.credentialId();
      case "credential" -> ctx.credentialId();
      case "service" -> ctx.service() == null ? null : ctx.service().id().toString();
      case "header" -> ctx.request().headers().first(config.headerName());
      default -> null;
    };
    return id != null ? id : ctx.request().clientIp();
  }

  private long remaining(int i, Usage usage) {
    return Math.max(0, (long) Math.floor(limits.limit(i)) - usage.count(i));
  }

  private String limitText(int i) {
    return Long.toString((long) Math.floor(limits.limit(i)));
  }

  private String limitHeader(int i) {
    return "X-AI-RateLimit-Limit-" + title(limits.period(i));
  }

  private String remainingHeader(int i) {
    return "X-AI-RateLimit-Remaining-" + title(limits.period(i));
  }

  private static String title(Period p) {
    String f = p.field();
    return f.substring(0, 1).toUpperCase(Locale.ROOT) + f.substring(1);
  }
}
