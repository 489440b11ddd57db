package dev.llmgateway.config;

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

  /** Makes {@code next} current; requests already running keep theirs. */
  public void swap(ConfigSnapshot next) {
    current.set(Objects.requireNonNull(next, "next"));
  }
}
