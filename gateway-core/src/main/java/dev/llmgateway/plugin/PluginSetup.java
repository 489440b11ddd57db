package dev.llmgateway.plugin;

import dev.llmgateway.config.ConfigView;
import dev.llmgateway.entity.PluginBinding;
import dev.llmgateway.schema.Row;

/** What a {@link PluginType} gets to build one instance: the binding, its config, the config around it, and state. */
public interface PluginSetup {
  /** The configured plugin (scope, enabled flag, config). */
  PluginBinding binding();

  /** The validated config record; shorthand for {@code binding().config()}. */
  default Row config() {
    return binding().config();
  }

  /** The whole configuration this instance belongs to: look up consumers, credentials, derived indexes. */
  ConfigView view();

  /** State that survives config changes, keyed by stable identities such as the binding id. */
  RuntimeState state();
}
