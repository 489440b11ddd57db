package dev.llmgateway.internal.plugins.aipromptdecorator;

import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Schema;
import java.util.List;

/** The ai-prompt-decorator plugin type (Kong's PRIORITY 772: before ai-prompt-guard and ai-proxy). */
public final class PromptDecoratorType implements PluginType<PromptDecoratorConfig> {
  @Override
  public String name() {
    return "ai-prompt-decorator";
  }

  @Override
  public int priority() {
    return 772;
  }

  @Override
  public Schema configSchema() {
    return PromptDecoratorConfig.SCHEMA;
  }

  @Override
  public Class<PromptDecoratorConfig> configType() {
    return PromptDecoratorConfig.class;
  }

  @Override
  public List<EntityCheck> entityChecks() {
    return PromptDecoratorConfig.CHECKS;
  }

  @Override
  public Plugin create(PluginSetup<PromptDecoratorConfig> setup) {
    return new DecoratorPlugin(setup.config());
  }
}
