package dev.llmgateway.internal.plugins.jwt;

import dev.llmgateway.entity.EntityType;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.plugin.RequestKey;
import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Schema;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The jwt plugin type (Kong's PRIORITY 1450): authenticates consumers by signed JSON Web Tokens, never scoped to a
 * consumer itself, and brings the {@code jwt_secrets} entity. The clock decides {@code exp} and {@code nbf}.
 */
public final class JwtType implements PluginType<JwtConfig> {
  /** The token that authenticated the request (Kong's {@code kong.ctx.shared.authenticated_jwt_token}). */
  public static final RequestKey<String> AUTHENTICATED_TOKEN = RequestKey.of("authenticated_jwt_token", String.class);
  private final Clock clock;

  /** The type on the system clock (what {@link java.util.ServiceLoader} uses). */
  public JwtType() {
    this(Clock.systemUTC());
  }

  public JwtType(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return "jwt";
  }

  @Override
  public int priority() {
    return 1450;
  }

  @Override
  public Schema configSchema() {
    return JwtConfig.SCHEMA;
  }

  @Override
  public Class<JwtConfig> configType() {
    return JwtConfig.class;
  }

  @Override
  public boolean allowsConsumerScope() {
    return false;
  }

  @Override
  public List<EntityType> entityTypes() {
    return List.of(JwtSecret.TYPE);
  }

  @Override
  public List<EntityCheck> entityChecks() {
    return JwtConfig.CHECKS;
  }

  @Override
  public Plugin create(PluginSetup<JwtConfig> setup) {
    return new JwtPlugin(setup.config(), clock);
  }
}
