package dev.llmgateway.plugins.aipromptguard;

import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Schema;
import java.util.List;

/** The ai-prompt-guard plugin type (Kong's PRIORITY 771: after ai-prompt-decorator, before ai-proxy). */
public final class PromptGuardType implements PluginType {
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
  public List<EntityCheck> entityChecks() {
    return PromptGuardConfig.CHECKS;
  }

  @Override
  public Plugin create(PluginSetup setup) {
    return new PromptGuardPlugin(PromptGuardConfig.of(setup.config()));
  }
}
