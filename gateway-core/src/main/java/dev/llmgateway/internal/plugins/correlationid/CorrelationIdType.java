package dev.llmgateway.internal.plugins.correlationid;

import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.Schema;

/** The correlation-id plugin type (Kong's PRIORITY 100001: it runs before every other plugin). */
public final class CorrelationIdType implements PluginType<CorrelationIdConfig> {
  @Override
  public String name() {
    return "correlation-id";
  }

  @Override
  public int priority() {
    return 100001;
  }

  @Override
  public Schema configSchema() {
    return CorrelationIdConfig.SCHEMA;
  }

  @Override
  public Class<CorrelationIdConfig> configType() {
    return CorrelationIdConfig.class;
  }

  @Override
  public Plugin create(PluginSetup<CorrelationIdConfig> setup) {
    return new CorrelationIdPlugin(setup.config());
  }
}
