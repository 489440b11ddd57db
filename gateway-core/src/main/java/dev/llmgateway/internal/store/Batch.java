package dev.llmgateway.internal.store;

import dev.llmgateway.store.ConfigStore;

import dev.llmgateway.store.ChangeSet;

import dev.llmgateway.store.StaleWriteException;

import dev.llmgateway.internal.config.ConfigSnapshot;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.internal.config.LiveConfig;
import dev.llmgateway.internal.pipeline.PluginRegistry;
import dev.llmgateway.internal.pipeline.PluginStates;
import dev.llmgateway.schema.SchemaViolation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One group commit of the {@link ConfigWriter}: applies each mutation to the result of the previous one, builds
 * the next snapshot, commits the change sets in one store call, swaps, then answers everyone. When a shared store
 * says another node committed first, the batch catches up and runs again on the fresh configuration (mutations
 * are functions of the configuration, so their checks run again against what the other node wrote).
 */
final class Batch {
  /** How many times a batch is re-run after losing the race to another node before it answers 503. */
  static final int MAX_STALE_RETRIES = 20;

  /** Brings the live configuration up to date with a shared store; false when the store cannot be read. */
  @FunctionalInterface
  interface CatchUp {
    boolean run();
  }

  private final List<ConfigWriter.Pending<?>> pending;
  private final ConfigStore store;
  private final PluginRegistry registry;
  private final PluginStates state;
  private final LiveConfig live;
  private final CatchUp catchUp;

  Batch(List<ConfigWriter.Pending<?>> pending, ConfigStore store, PluginRegistry registry, PluginStates state,
      LiveConfig live, CatchUp catchUp) {
    this.pending = pending;
    this.store = store;
    this.registry = registry;
    this.state = state;
    this.live = live;
    this.catchUp = catchUp;
  }

  void run() {
    for (int attempt = 0; ; attempt++) {
      if (!attempt()) {
        return;
      }
      boolean caughtUp = catchUp.run();
      if (!caughtUp || attempt == MAX_STALE_RETRIES) {
        ApiError busy = ApiError.storeUnavailable(caughtUp
            ? "other nodes kept writing first (" + MAX_STALE_RETRIES + " attempts)"
            : "the changes other nodes made could not be read");
        for (ConfigWriter.Pending<?> p : pending) {
          p.error = busy;
        }
        completeAll();
        return;
      }
      for (ConfigWriter.Pending<?> p : pending) {
        p.outcome = null;
        p.error = null;
      }
    }
  }

  /** One try; true when a shared store refused it as stale (nothing answered yet), false when done. */
  private boolean attempt() {
    ConfigSnapshot current = live.current();
    Configuration next = current.configuration();
    List<ChangeSet> changes = new ArrayList<>();
    for (ConfigWriter.Pending<?> p : pending) {
      next = apply(p, next, changes);
    }
    if (changes.isEmpty()) {
      completeAll();
      return false;
    }
    ConfigSnapshot snapshot;
    try {
      snapshot = ConfigSnapshot.build(next, registry, state, current.generation() + 1);
    } catch (RuntimeException e) {
      refuseUnbuildable(e);
      return false;
    }
    try {
      store.commit(changes, next);
    } catch (StaleWriteException e) {
      snapshot.retire(); // its plugin instances never go live; the batch is rebuilt on the fresh configuration
      return true;
    } catch (ApiError e) {
      snapshot.retire();
      refuseByStore(e);
      return false;
    } catch (IOException | RuntimeException e) {
      snapshot.retire();
      ApiError unavailable = ApiError.storeUnavailable(describe(e));
      for (ConfigWriter.Pending<?> p : pending) {
        p.error = unavailable;
      }
      completeAll();
      return false;
    }
    live.swap(snapshot);
    completeAll();
    return false;
  }

  /**
   * The store's own constraints refused the batch (a shared database's unique or foreign keys): alone, the write
   * gets Kong's error; in a group, each write is retried on its own so that only the culprit is refused.
   */
  private void refuseByStore(ApiError e) {
    if (pending.size() == 1) {
      pending.get(0).error = e;
      pending.get(0).complete();
      return;
    }
    for (ConfigWriter.Pending<?> p : pending) {
      p.outcome = null;
      p.error = null;
      new Batch(List.of(p), store, registry, state, live, catchUp).run();
    }
  }

  private static <T> Configuration apply(ConfigWriter.Pending<T> p, Configuration cfg, List<ChangeSet> changes) {
    try {
      Mutation.Outcome<T> outcome = p.mutation.apply(cfg);
      p.outcome = outcome;
      if (!outcome.changes().isEmpty()) {
        changes.add(outcome.changes());
        return outcome.next();
      }
    } catch (ApiError e) {
      p.error = e;
    } catch (SchemaViolation e) {
      p.error = ApiError.schemaViolation(e.errors());
    } catch (RuntimeException e) {
      p.error = e;
    }
    return cfg;
  }

  /**
   * Building the snapshot failed (a plugin refused its config at creation). Alone, the culprit is told why; in
   * a group, each write is retried on its own so that only the culprit is refused.
   */
  private void refuseUnbuildable(RuntimeException e) {
    if (pending.size() == 1) {
      pending.get(0).error = ApiError.message(400, "the configuration cannot be applied: " + e.getMessage());
      pending.get(0).complete();
      return;
    }
    for (ConfigWriter.Pending<?> p : pending) {
      p.outcome = null;
      p.error = null;
      new Batch(List.of(p), store, registry, state, live, catchUp).run();
    }
  }

  private void completeAll() {
    for (ConfigWriter.Pending<?> p : pending) {
      p.complete();
    }
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }
}
