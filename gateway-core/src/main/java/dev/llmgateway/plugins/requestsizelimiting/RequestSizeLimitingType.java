package dev.llmgateway.plugins.requestsizelimiting;

import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.Schema;

/** The request-size-limiting plugin type (Kong's PRIORITY 951); any scope, consumers included. */
public final class RequestSizeLimitingType implements PluginType {
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
  public Plugin create(PluginSetup setup) {
    return new RequestSizeLimitingPlugin(RequestSizeLimitingConfig.of(setup.config()));
  }
}
