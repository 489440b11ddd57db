package dev.llmgateway.internal.plugins.keyauth;

import dev.llmgateway.entity.EntityType;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.Schema;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The key-auth plugin type (Kong's PRIORITY 1250): authenticates consumers by API key, never scoped to a
 * consumer itself, and brings the {@code keyauth_credentials} entity. The clock decides when a credential's
 * {@code ttl} has run out.
 */
public final class KeyAuthType implements PluginType<KeyAuthConfig> {
  private final Clock clock;

  /** The type on the system clock (what {@link java.util.ServiceLoader} uses). */
  public KeyAuthType() {
    this(Clock.systemUTC());
  }

  public KeyAuthType(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return "key-auth";
  }

  @Override
  public int priority() {
    return 1250;
  }

  @Override
  public Schema configSchema() {
    return KeyAuthConfig.SCHEMA;
  }

  @Override
  public Class<KeyAuthConfig> configType() {
    return KeyAuthConfig.class;
  }

  @Override
  public boolean allowsConsumerScope() {
    return false;
  }

  @Override
  public List<EntityType> entityTypes() {
    return List.of(KeyAuthCredential.TYPE);
  }

  @Override
  public Plugin create(PluginSetup<KeyAuthConfig> setup) {
    return new KeyAuthPlugin(setup.config(), clock);
  }
}
