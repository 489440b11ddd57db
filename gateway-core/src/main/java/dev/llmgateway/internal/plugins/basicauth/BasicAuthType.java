package dev.llmgateway.internal.plugins.basicauth;

import dev.llmgateway.entity.EntityType;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.Schema;
import java.util.List;

/**
 * The basic-auth plugin type (Kong's PRIORITY 1100): authenticates consumers by username and password, never
 * scoped to a consumer itself, and brings the {@code basicauth_credentials} entity.
 */
public final class BasicAuthType implements PluginType<BasicAuthConfig> {
  @Override
  public String name() {
    return "basic-auth";
  }

  @Override
  public int priority() {
    return 1100;
  }

  @Override
  public Schema configSchema() {
    return BasicAuthConfig.SCHEMA;
  }

  @Override
  public Class<BasicAuthConfig> configType() {
    return BasicAuthConfig.class;
  }

  @Override
  public boolean allowsConsumerScope() {
    return false;
  }

  @Override
  public List<EntityType> entityTypes() {
    return List.of(BasicAuthCredential.TYPE);
  }

  @Override
  public Plugin create(PluginSetup<BasicAuthConfig> setup) {
    return new BasicAuthPlugin(setup.config());
  }
}
