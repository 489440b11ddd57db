package dev.llmgateway.plugin;

import dev.llmgateway.config.ConfigView;
import dev.llmgateway.entity.PluginBinding;
import dev.llmgateway.schema.Row;
import java.util.function.Supplier;

/**
 * What a {@link PluginType} gets to build one instance: the binding, its config as the type's record, the
 * configuration around it, and the state kept across changes.
 *
 * @param <C> the config record of the plugin type
 */
public interface PluginSetup<C extends Record> {
  /** The configured plugin (scope, enabled flag, config). */
  PluginBinding binding();

  /** The validated config bound to {@link PluginType#configType()}; bound once for this instance. */
  C config();

  /** The validated config as Kong's schema produced it, for the rare plugin that reads fields by name. */
  default Row row() {
    return binding().config();
  }

  /** The whole configuration this instance belongs to: look up consumers, credentials, derived indexes. */
  ConfigView view();

  /** State that survives config changes, keyed by a {@link StateKey} and a binding id. */
  RuntimeState state();

  /**
   * This binding's state under {@code key}, created once by {@code initial}: the instances that replace this one
   * after a config change get the same object; it is dropped once the binding is deleted.
   */
  default <T> T state(StateKey<T> key, Supplier<? extends T> initial) {
    return state().get(key, binding().id(), initial);
  }
}
