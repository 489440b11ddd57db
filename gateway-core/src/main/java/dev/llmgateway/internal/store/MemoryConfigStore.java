package dev.llmgateway.internal.store;

import dev.llmgateway.store.ConfigStore;

import dev.llmgateway.store.ChangeSet;

import dev.llmgateway.store.StoredConfig;

import dev.llmgateway.config.Configuration;
import java.util.List;
import java.util.Optional;

/** A {@link ConfigStore} that keeps the configuration in memory only: for embedding without a data dir, and tests. */
public final class MemoryConfigStore implements ConfigStore {
  private Configuration last;
  private long sequence;

  /** An empty store. */
  public MemoryConfigStore() {}

  @Override
  public synchronized Optional<StoredConfig> load() {
    return last == null ? Optional.empty() : Optional.of(new StoredConfig(sequence, RowCodec.tables(last)));
  }

  @Override
  public synchronized void commit(List<ChangeSet> changes, Configuration result) {
    sequence += changes.size();
    last = result;
  }

  @Override
  public String describe() {
    return "memory";
  }

  @Override
  public void close() {}
}
