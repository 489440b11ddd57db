package dev.llmgateway.plugin;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * Run-time state that lives beside the config snapshots rather than in them — rate-limit counters, caches — so that
 * an unrelated admin write never resets it. Entries are typed by their {@link StateKey}; the gateway owns their
 * lifetime (see each method).
 */
public interface RuntimeState {
  /**
   * The state of {@code key} for the plugin binding {@code bindingId}, created once by {@code initial} when absent;
   * kept while a plugin with that id exists (enabled or not) and dropped when the configuration no longer has it.
   */
  <T> T get(StateKey<T> key, UUID bindingId, Supplier<? extends T> initial);

  /** State not tied to one binding (for example shared by every instance of a type), kept while the gateway runs. */
  <T> T shared(StateKey<T> key, Supplier<? extends T> initial);
}
