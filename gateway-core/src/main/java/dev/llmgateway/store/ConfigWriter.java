package dev.llmgateway.store;

import dev.llmgateway.config.ConfigSnapshot;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.config.LiveConfig;
import dev.llmgateway.pipeline.PluginRegistry;
import dev.llmgateway.pipeline.PluginStates;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The one writer of a gateway's configuration. Writes queue up and run one at a time on the writer's own
 * thread; those that arrive together are committed together (group commit: one fsync for the batch). For each
 * batch it applies the mutations, builds the next {@link ConfigSnapshot}, makes the changes durable through the
 * {@link ConfigStore}, swaps the snapshot into the {@link LiveConfig}, and only then completes the futures. A
 * failing store completes them with a 503 {@link ApiError} and leaves the running configuration as it was.
 */
public final class ConfigWriter implements AutoCloseable {
  private static final int MAX_BATCH = 256;

  private final ConfigStore store;
  private final PluginRegistry registry;
  private final PluginStates state;
  private final LiveConfig live;
  private final boolean storedBefore;
  private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;

  private ConfigWriter(ConfigStore store, PluginRegistry registry, PluginStates state, Configuration initial,
      boolean storedBefore) {
    this.store = store;
    this.registry = registry;
    this.state = state;
    this.storedBefore = storedBefore;
    this.live = new LiveConfig(ConfigSnapshot.build(initial, registry, state, 1));
    this.thread = new Thread(this::run, "config-writer");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Loads what {@code store} holds (an empty configuration when it holds nothing) and starts the writer. */
  public static ConfigWriter start(ConfigStore store, PluginRegistry registry, PluginStates state)
      throws IOException {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(state, "state");
    Optional<StoredConfig> stored = store.load();
    Configuration initial = stored.isPresent()
        ? RowCodec.toConfiguration(stored.get(), registry.entityTypes())
        : Configuration.empty(registry.entityTypes());
    return new ConfigWriter(store, registry, state, initial, stored.isPresent());
  }

  /** Whether the store held a configuration when the writer started (false for a fresh data dir). */
  public boolean storedBefore() {
    return storedBefore;
  }

  /** The live snapshot the proxy and the Admin API read. */
  public LiveConfig live() {
    return live;
  }

  public PluginRegistry registry() {
    return registry;
  }

  public ConfigStore store() {
    return store;
  }

  /**
   * Queues a write. The future completes, off the caller's thread, once the change is durable and live — or
   * exceptionally with an {@link ApiError} (refused, or 503 when the store failed).
   */
  public <T> CompletableFuture<T> submit(Mutation<T> mutation) {
    Pending<T> pending = new Pending<>(Objects.requireNonNull(mutation, "mutation"));
    if (closed) {
      pending.future.completeExceptionally(ApiError.storeUnavailable("the gateway is shutting down"));
      return pending.future;
    }
    queue.add(pending);
    return pending.future;
  }

  private void run() {
    List<Pending<?>> batch = new ArrayList<>();
    while (!closed || !queue.isEmpty()) {
      try {
        Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        new Batch(batch, store, registry, state, live).run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        for (Pending<?> p : batch) {
          p.future.completeExceptionally(e);
        }
      } finally {
        batch.clear();
      }
    }
  }

  /** Stops taking writes, finishes those queued, retires the live snapshot's plugin instances, closes the store. */
  @Override
  public void close() throws IOException {
    closed = true;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    live.current().retire();
    store.close();
  }

  /** A queued mutation and the future its caller waits on. */
  static final class Pending<T> {
    final Mutation<T> mutation;
    final CompletableFuture<T> future = new CompletableFuture<>();
    Mutation.Outcome<T> outcome;
    Throwable error;

    Pending(Mutation<T> mutation) {
      this.mutation = mutation;
    }

    void complete() {
      if (error != null) {
        future.completeExceptionally(error);
      } else {
        future.complete(outcome.result());
      }
    }
  }
}
