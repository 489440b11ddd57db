package dev.llmgateway.internal.plugins.tokenlimiting;

import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.internal.plugins.ratelimiting.Period;
import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.FieldErrors;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ai-token-limiting plugin type. Priority 760: after authentication and after ai-proxy (770) and
 * ai-model-router (769), whose access phase tells it the request's model and token estimates.
 */
public final class TokenLimitingType implements PluginType<TokenLimitingConfig> {
  private final Clock clock;
  private final TokenPolicy.Factory redis;

  /** The type on the system UTC clock (what {@link java.util.ServiceLoader} uses): {@code local} only. */
  public TokenLimitingType() {
    this(Clock.systemUTC());
  }

  public TokenLimitingType(Clock clock) {
    this(clock, null);
  }

  private TokenLimitingType(Clock clock, TokenPolicy.Factory redis) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.redis = redis;
  }

  /**
   * A copy whose {@code policy: redis} counts with {@code factory} (the gateway-cluster module's); without one
   * that policy is refused at config time.
   */
  public TokenLimitingType withRedisPolicy(TokenPolicy.Factory factory) {
    return new TokenLimitingType(clock, Objects.requireNonNull(factory, "factory"));
  }

  @Override
  public String name() {
    return "ai-token-limiting";
  }

  @Override
  public int priority() {
    return 760;
  }

  @Override
  public Schema configSchema() {
    return TokenLimitingConfig.SCHEMA;
  }

  @Override
  public Class<TokenLimitingConfig> configType() {
    return TokenLimitingConfig.class;
  }

  @Override
  public List<EntityCheck> entityChecks() {
    return List.of(this::check);
  }

  private void check(Map<String, Object> plugin, FieldErrors errors) {
    if (!(plugin.get("config") instanceof Row c)) {
      return;
    }
    // The check sees the validated row, before any binding: read the fields by name.
    boolean anyLimit = false;
    for (Period p : Period.all()) {
      anyLimit |= p != Period.YEAR && c.numberOrNull(p.field()) != null;
    }
    if (!anyLimit) {
      errors.entity("at least one of these fields must be non-empty: 'config.second', 'config.minute', "
          + "'config.hour', 'config.day', 'config.month'");
    }
    if ("header".equals(c.string("limit_by", "consumer")) && c.string("header_name") == null) {
      errors.nested("config").put("header_name", "required field missing");
    }
    if ("redis".equals(c.string("policy", "local"))) {
      if (redis == null) {
        errors.nested("config").put("policy", "the redis policy needs the gateway-cluster module (the launcher "
            + "has it); use local");
      }
      Row r = c.record("redis");
      for (String field : List.of("host", "port", "timeout")) {
        if (r == null || r.get(field) == null) {
          errors.nested("config").nested("redis").put(field, "required field missing");
        }
      }
    }
  }

  @Override
  public Plugin create(PluginSetup<TokenLimitingConfig> setup) {
    TokenLimitingConfig config = setup.config();
    TokenPolicy policy = "redis".equals(config.policy()) && redis != null ? redis.create(config, setup)
        : LocalTokenPolicy.create(config, setup);
    return new TokenLimitingPlugin(config, policy, clock);
  }
}
