package dev.llmgateway.internal.plugins.aipromptguard;

import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Schema;
import java.util.List;

/** The ai-prompt-guard plugin type (Kong's PRIORITY 771: after ai-prompt-decorator, before ai-proxy). */
public final class PromptGuardType implements PluginType<PromptGuardConfig> {
  @Override
  public String name() {
    return "ai-prompt-guard";
  }

  @Override
  public int priority() {
    return 771;
  }

  @Override
  public Schema configSchema() {
    return PromptGuardConfig.SCHEMA;
  }

  @Override
  public Class<PromptGuardConfig> configType() {
    return PromptGuardConfig.class;
  }

  @Override
  public List<EntityCheck> entityChecks() {
    return PromptGuardConfig.CHECKS;
  }

  @Override
  public Plugin create(PluginSetup<PromptGuardConfig> setup) {
    return new PromptGuardPlugin(setup.config());
  }
}
