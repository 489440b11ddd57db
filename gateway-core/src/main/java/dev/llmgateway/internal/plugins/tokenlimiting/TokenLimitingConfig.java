package dev.llmgateway.internal.plugins.tokenlimiting;

import dev.llmgateway.internal.plugins.ratelimiting.Period;
import dev.llmgateway.internal.plugins.ratelimiting.RateLimitingConfig;
import dev.llmgateway.internal.plugins.ratelimiting.RedisConfig;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;
import dev.llmgateway.schema.Validators;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The config of one ai-token-limiting plugin, bound from its schema by the gateway: token limits per window (see
 * {@link #limits()}) and what they count. An explicit null for a defaulted field (Kong keeps it over the default)
 * reads as the default.
 */
public record TokenLimitingConfig(Double second, Double minute, Double hour, Double day, Double month,
    String tokensCountStrategy, String limitBy, String headerName, long defaultMaxTokens, String policy,
    boolean faultTolerant, RedisConfig redis, boolean hideClientHeaders, String errorMessage) {

  public static final Schema SCHEMA = Schema.of("ai-token-limiting",
      limit(Period.SECOND), limit(Period.MINUTE), limit(Period.HOUR), limit(Period.DAY), limit(Period.MONTH),
      Field.string("tokens_count_strategy").defaultValue("total_tokens")
          .oneOf("total_tokens", "prompt_tokens", "completion_tokens")
          .description("Which tokens count against the limits"),
      Field.string("limit_by").defaultValue("consumer").oneOf("consumer", "credential", "ip", "service", "header")
          .description("Whose budget a request uses; falls back to the client IP when that is unknown"),
      Field.string("header_name").description("The header whose value is the budget's owner, for limit_by header"),
      Field.integer("default_max_tokens").defaultValue(1024L).between(0, 100_000_000L)
          .description("Completion tokens reserved when a request sets no max_tokens"),
      Field.string("policy").defaultValue("local").oneOf("local", "redis").description("Where budgets are counted"),
      Field.bool("fault_tolerant").required().defaultValue(true)
          .description("Proxy anyway (without headers) when the redis policy's store fails"),
      Field.record("redis", RateLimitingConfig.REDIS).description("The Redis of the redis policy"),
      Field.bool("hide_client_headers").defaultValue(false).description("Do not send X-AI-RateLimit-* headers"),
      Field.string("error_message").defaultValue("AI token rate limit exceeded"));

  public TokenLimitingConfig {
    tokensCountStrategy = tokensCountStrategy != null ? tokensCountStrategy : "total_tokens";
    limitBy = limitBy != null ? limitBy : "consumer";
    policy = policy != null ? policy : "local";
    errorMessage = errorMessage != null ? errorMessage : "AI token rate limit exceeded";
  }

  /** The configured limits by period, shortest first. */
  public Map<Period, Double> limits() {
    Map<Period, Double> limits = new EnumMap<>(Period.class);
    Double[] values = {second, minute, hour, day, month};
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        limits.put(Period.all()[i], values[i]);
      }
    }
    return Collections.unmodifiableMap(limits);
  }

  private static Field limit(Period p) {
    return Field.number(p.field()).validate(Validators.greaterThan(0)).description("Tokens allowed per " + p.field());
  }
}
