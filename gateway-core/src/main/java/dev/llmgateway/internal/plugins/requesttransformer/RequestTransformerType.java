package dev.llmgateway.internal.plugins.requesttransformer;

import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.Schema;

/** The request-transformer plugin type (Kong's PRIORITY 801); any scope, consumers included. */
public final class RequestTransformerType implements PluginType<RequestTransformerConfig> {
  @Override
  public String name() {
    return "request-transformer";
  }

  @Override
  public int priority() {
    return 801;
  }

  @Override
  public Schema configSchema() {
    return RequestTransformerConfig.SCHEMA;
  }

  @Override
  public Class<RequestTransformerConfig> configType() {
    return RequestTransformerConfig.class;
  }

  @Override
  public Plugin create(PluginSetup<RequestTransformerConfig> setup) {
    return new RequestTransformerPlugin(setup.config());
  }
}
