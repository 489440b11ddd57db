package dev.llmgateway.store;

import dev.llmgateway.internal.store.ConfigWriter;

import dev.llmgateway.config.Configuration;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where the configuration lives between restarts (SPI). The {@link ConfigWriter} is a store's only caller and
 * calls it from one thread: {@link #load} once, then {@link #commit} for every batch of accepted changes. A
 * commit must be durable when it returns; the change is acknowledged to clients only after that.
 */
public interface ConfigStore extends AutoCloseable {
  /** What was stored, or empty when nothing was ever stored here (a fresh data dir). */
  Optional<StoredConfig> load() throws IOException;

  /**
   * Makes {@code changes} durable, in order. {@code result} is the configuration after all of them, for stores
   * that prefer to write whole snapshots. On failure nothing may count as committed: the writer answers 503.
   */
  void commit(List<ChangeSet> changes, Configuration result) throws IOException;

  /** False after a failure the store could not recover from; reported by {@code GET /status}. */
  default boolean healthy() {
    return true;
  }

  /** A one-line description for {@code GET /status} (for example the data dir). */
  default String describe() {
    return getClass().getSimpleName();
  }

  @Override
  void close() throws IOException;
}
