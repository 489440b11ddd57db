package dev.llmgateway.internal.store;

import dev.llmgateway.store.SharedConfigStore;

import dev.llmgateway.store.ConfigStore;

import dev.llmgateway.store.StoredConfig;

import dev.llmgateway.internal.config.ConfigSnapshot;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.internal.config.LiveConfig;
import dev.llmgateway.internal.pipeline.PluginRegistry;
import dev.llmgateway.internal.pipeline.PluginStates;
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
  private static final System.Logger LOGGER = System.getLogger(ConfigWriter.class.getName());
  /** Queued to wake the writer thread for a catch-up; never run. */
  private static final Pending<Void> WAKE = new Pending<>(cfg -> null);

  private final ConfigStore store;
  private final PluginRegistry registry;
  private final PluginStates state;
  private final LiveConfig live;
  private final boolean storedBefore;
  private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;
  /** Set when a shared store saw another node's change; the writer thread catches up before its next batch. */
  private volatile boolean catchUpRequested;

  private ConfigWriter(ConfigStore store, PluginRegistry registry, PluginStates state, Configuration initial,
      boolean storedBefore) {
    this.store = store;
    this.registry = registry;
    this.state = state;
    this.storedBefore = storedBefore;
    this.live = new LiveConfig(ConfigSnapshot.build(initial, registry, state, 1));
    this.thread = new Thread(this::run, "config-writer");
    this.thread.setDaemon(true);
    if (store instanceof SharedConfigStore shared) {
      shared.onRemoteChange(this::requestCatchUp);
    }
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

  /** Asks the writer thread to catch up with a shared store; cheap, callable from any thread. */
  private void requestCatchUp() {
    catchUpRequested = true;
    queue.offer(WAKE);
  }

  /**
   * Applies what other nodes committed to a shared store and swaps the result in, on the writer thread (so it
   * never races a local write). False when the store could not be read: the node keeps its last snapshot.
   */
  private boolean catchUp() {
    if (!(store instanceof SharedConfigStore shared)) {
      return true;
    }
    catchUpRequested = false;
    try {
      Optional<SharedConfigStore.Catchup> missed = shared.pull();
      if (missed.isEmpty()) {
        return true;
      }
      ConfigSnapshot current = live.current();
      Configuration next = RemoteChanges.apply(current.configuration(), missed.get(), registry.entityTypes());
      live.swap(ConfigSnapshot.build(next, registry, state, current.generation() + 1));
      return true;
    } catch (IOException | RuntimeException e) {
      // No retry loop here: a shared store nudges again once it can be read (its listener checks every second).
      LOGGER.log(System.Logger.Level.WARNING, "catching up with the configuration store failed, serving the last"
          + " good configuration: " + e.getMessage());
      return false;
    }
  }

  private void run() {
    List<Pending<?>> batch = new ArrayList<>();
    while (!closed || !queue.isEmpty()) {
      try {
        Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (catchUpRequested) {
          catchUp();
        }
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        batch.removeIf(p -> p == WAKE);
        if (batch.isEmpty()) {
          continue;
        }
        new Batch(batch, store, registry, state, live, this::catchUp).run();
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
