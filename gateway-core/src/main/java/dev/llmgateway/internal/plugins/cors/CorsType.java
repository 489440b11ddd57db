package dev.llmgateway.internal.plugins.cors;

import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.Schema;

/** The cors plugin type (Kong's PRIORITY 2000): never scoped to a consumer, like Kong's. */
public final class CorsType implements PluginType<CorsConfig> {
  @Override
  public String name() {
    return "cors";
  }

  @Override
  public int priority() {
    return 2000;
  }

  @Override
  public Schema configSchema() {
    return CorsConfig.SCHEMA;
  }

  @Override
  public boolean allowsConsumerScope() {
    return false;
  }

  @Override
  public Class<CorsConfig> configType() {
    return CorsConfig.class;
  }

  @Override
  public Plugin create(PluginSetup<CorsConfig> setup) {
    return new CorsPlugin(setup.config());
  }
}
