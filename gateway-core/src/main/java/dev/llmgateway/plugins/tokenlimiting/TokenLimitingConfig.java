package dev.llmgateway.plugins.tokenlimiting;

import dev.llmgateway.plugins.ratelimiting.Period;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import dev.llmgateway.schema.Validators;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The config of one ai-token-limiting plugin: token limits per window and what they count. */
public record TokenLimitingConfig(Map<Period, Double> limits, String tokensCountStrategy, String limitBy,
    String headerName, long defaultMaxTokens, String policy, boolean hideClientHeaders, String errorMessage) {

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
      Field.bool("hide_client_headers").defaultValue(false).description("Do not send X-AI-RateLimit-* headers"),
      Field.string("error_message").defaultValue("AI token rate limit exceeded"));

  public TokenLimitingConfig {
    limits = Collections.unmodifiableMap(new EnumMap<>(limits));
  }

  private static Field limit(Period p) {
    return Field.number(p.field()).validate(Validators.greaterThan(0)).description("Tokens allowed per " + p.field());
  }

  /** The typed view of a validated config row. */
  public static TokenLimitingConfig of(Row row) {
    Map<Period, Double> limits = new EnumMap<>(Period.class);
    for (Period p : Period.all()) {
      if (p != Period.YEAR && row.numberOrNull(p.field()) != null) {
        limits.put(p, row.numberOrNull(p.field()));
      }
    }
    Long dflt = row.longOrNull("default_max_tokens");
    return new TokenLimitingConfig(limits, row.string("tokens_count_strategy", "total_tokens"),
        row.string("limit_by", "consumer"), row.string("header_name"), dflt == null ? 1024 : dflt,
        row.string("policy", "local"), row.bool("hide_client_headers", false),
        row.string("error_message", "AI token rate limit exceeded"));
  }
}
