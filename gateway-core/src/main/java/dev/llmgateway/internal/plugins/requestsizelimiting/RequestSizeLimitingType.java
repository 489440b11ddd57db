package dev.llmgateway.internal.plugins.requestsizelimiting;

import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.Schema;

/** The request-size-limiting plugin type (Kong's PRIORITY 951); any scope, consumers included. */
public final class RequestSizeLimitingType implements PluginType<RequestSizeLimitingConfig> {
  @Override
  public String name() {
    return "request-size-limiting";
  }

  @Override
  public int priority() {
    return 951;
  }

  @Override
  public Schema configSchema() {
    return RequestSizeLimitingConfig.SCHEMA;
  }

  @Override
  public Class<RequestSizeLimitingConfig> configType() {
    return RequestSizeLimitingConfig.class;
  }

  @Override
  public Plugin create(PluginSetup<RequestSizeLimitingConfig> setup) {
    return new RequestSizeLimitingPlugin(setup.config());
  }
}
