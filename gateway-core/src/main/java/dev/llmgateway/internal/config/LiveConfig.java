package dev.llmgateway.internal.config;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** The gateway's current {@link ConfigSnapshot}: read with one volatile load, replaced whole. */
public final class LiveConfig {
  private final AtomicReference<ConfigSnapshot> current;

  public LiveConfig(ConfigSnapshot initial) {
    this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
  }

  /** The snapshot a new request should use. */
  public ConfigSnapshot current() {
    return current.get();
  }

  /**
   * Makes {@code next} current, then retires the plugin instances of the snapshot it replaced (requests already
   * running keep theirs). Called by the config writer, never on the request path.
   */
  public void swap(ConfigSnapshot next) {
    ConfigSnapshot previous = current.getAndSet(Objects.requireNonNull(next, "next"));
    if (previous != next) {
      next.dropStateOfDeletedPlugins();
      previous.retire();
    }
  }
}
