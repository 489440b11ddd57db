package dev.llmgateway.internal.plugins.aiproxy;

import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Schema;
import java.util.List;

/** Kong's ai-proxy plugin type (PRIORITY 770) for OpenAI-format providers. */
public final class AiProxyType implements PluginType<AiProxyConfig> {
  @Override
  public String name() {
    return "ai-proxy";
  }

  @Override
  public int priority() {
    return 770;
  }

  @Override
  public Schema configSchema() {
    return AiProxyConfig.SCHEMA;
  }

  @Override
  public Class<AiProxyConfig> configType() {
    return AiProxyConfig.class;
  }

  @Override
  public List<EntityCheck> entityChecks() {
    return AiProxyChecks.all();
  }

  @Override
  public Plugin create(PluginSetup<AiProxyConfig> setup) {
    return new AiProxyPlugin(setup.config(), setup.binding().id());
  }
}
