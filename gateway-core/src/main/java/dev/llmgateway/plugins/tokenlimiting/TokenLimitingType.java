package dev.llmgateway.plugins.tokenlimiting;

import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.plugins.ratelimiting.Period;
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

  public TokenLimitingType() {
    this(Clock.systemUTC());
  }

  public TokenLimitingType(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
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
    return List.of(TokenLimitingType::check);
  }

  private static void check(Map<String, Object> plugin, FieldErrors errors) {
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
      errors.nested("config").put("policy", "the redis policy is not available yet; use local");
    }
  }

  @Override
  public Plugin create(PluginSetup<TokenLimitingConfig> setup) {
    TokenLimitingConfig config = setup.config();
    return new TokenLimitingPlugin(config, LocalTokenPolicy.create(config, setup), clock);
  }
}
