package dev.llmgateway.internal.plugins.tokenlimiting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.pipeline.ConfigBinder;
import dev.llmgateway.internal.plugins.ratelimiting.Period;
import dev.llmgateway.internal.plugins.testing.TestGateway;
import dev.llmgateway.schema.SchemaViolation;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ai-token-limiting's bound config (limits derived from the period fields) and its plugin-level checks. */
class TokenLimitingConfigBindingTest {
  private final TestGateway gw = new TestGateway(new TokenLimitingType());

  private TokenLimitingConfig bind(Map<String, Object> config) {
    return ConfigBinder.of("ai-token-limiting", TokenLimitingConfig.class, TokenLimitingConfig.SCHEMA)
        .bind(gw.validatePlugin("ai-token-limiting", config, Map.of()).record("config"));
  }

  private String violation(Map<String, Object> config) {
    try {
      gw.validatePlugin("ai-token-limiting", config, Map.of());
    } catch (SchemaViolation e) {
      return e.getMessage();
    }
    throw new AssertionError("expected a schema violation for " + config);
  }

  @Test
  void limitsComeFromThePeriodFieldsShortestFirst() {
    Map<String, Object> in = new HashMap<>();
    in.put("month", 1_000_000L);
    in.put("minute", 2000L);
    in.put("limit_by", null);
    in.put("error_message", null);
    in.put("default_max_tokens", null);
    TokenLimitingConfig c = bind(in);
    assertThat(c.limits()).containsExactly(Map.entry(Period.MINUTE, 2000.0), Map.entry(Period.MONTH, 1_000_000.0));
    assertThat(c.limitBy()).isEqualTo("consumer");
    assertThat(c.errorMessage()).isEqualTo("AI token rate limit exceeded");
    assertThat(c.defaultMaxTokens()).isEqualTo(1024);
    assertThat(c.tokensCountStrategy()).isEqualTo("total_tokens");
    assertThat(c.policy()).isEqualTo("local");
    assertThat(c.faultTolerant()).isTrue();
    assertThat(c.redis().host()).isNull();
    assertThat(c.redis().port()).isEqualTo(6379);
  }

  @Test
  void pluginLevelChecksKeepTheirWording() {
    assertThat(violation(Map.of())).isEqualTo("schema violation (at least one of these fields must be non-empty: "
        + "'config.second', 'config.minute', 'config.hour', 'config.day', 'config.month')");
    assertThat(violation(Map.of("minute", 10L, "limit_by", "header")))
        .isEqualTo("schema violation (config.header_name: required field missing)");
    assertThat(violation(Map.of("minute", 10L, "policy", "redis", "redis", Map.of("host", "127.0.0.1"))))
        .isEqualTo("schema violation (config.policy: the redis policy needs the gateway-cluster module (the "
            + "launcher has it); use local)");
    assertThat(violation(Map.of("minute", 10L, "policy", "redis")))
        .contains("config.redis: {\n  host = \"required field missing\"");
  }
}
