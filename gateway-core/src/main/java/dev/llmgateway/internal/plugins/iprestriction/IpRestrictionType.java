package dev.llmgateway.internal.plugins.iprestriction;

import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Schema;
import java.util.List;

/** The ip-restriction plugin type (Kong's PRIORITY 990); any scope, consumers included. */
public final class IpRestrictionType implements PluginType<IpRestrictionConfig> {
  @Override
  public String name() {
    return "ip-restriction";
  }

  @Override
  public int priority() {
    return 990;
  }

  @Override
  public Schema configSchema() {
    return IpRestrictionConfig.SCHEMA;
  }

  @Override
  public List<EntityCheck> entityChecks() {
    return IpRestrictionConfig.CHECKS;
  }

  @Override
  public Class<IpRestrictionConfig> configType() {
    return IpRestrictionConfig.class;
  }

  @Override
  public Plugin create(PluginSetup<IpRestrictionConfig> setup) {
    return new IpRestrictionPlugin(setup.config());
  }
}
