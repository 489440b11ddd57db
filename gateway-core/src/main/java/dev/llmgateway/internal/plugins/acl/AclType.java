package dev.llmgateway.internal.plugins.acl;

import dev.llmgateway.entity.EntityType;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Schema;
import java.util.List;

/**
 * The acl plugin type (Kong's PRIORITY 950): runs after authentication plugins, is never scoped to a consumer
 * (like Kong's), and brings the {@code acls} entity.
 */
public final class AclType implements PluginType<AclConfig> {
  @Override
  public String name() {
    return "acl";
  }

  @Override
  public int priority() {
    return 950;
  }

  @Override
  public Schema configSchema() {
    return AclConfig.SCHEMA;
  }

  @Override
  public Class<AclConfig> configType() {
    return AclConfig.class;
  }

  @Override
  public boolean allowsConsumerScope() {
    return false;
  }

  @Override
  public List<EntityCheck> entityChecks() {
    return AclConfig.CHECKS;
  }

  @Override
  public List<EntityType> entityTypes() {
    return List.of(AclGroup.TYPE);
  }

  @Override
  public Plugin create(PluginSetup<AclConfig> setup) {
    return new AclPlugin(setup.config());
  }
}
