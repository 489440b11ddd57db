package dev.llmgateway.internal.plugins.responsetransformer;

import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.Schema;

/** The response-transformer plugin type (Kong's PRIORITY 800); any scope, consumers included. */
public final class ResponseTransformerType implements PluginType<ResponseTransformerConfig> {
  @Override
  public String name() {
    return "response-transformer";
  }

  @Override
  public int priority() {
    return 800;
  }

  @Override
  public Schema configSchema() {
    return ResponseTransformerConfig.SCHEMA;
  }

  @Override
  public Class<ResponseTransformerConfig> configType() {
    return ResponseTransformerConfig.class;
  }

  @Override
  public Plugin create(PluginSetup<ResponseTransformerConfig> setup) {
    return new ResponseTransformerPlugin(setup.config());
  }
}
