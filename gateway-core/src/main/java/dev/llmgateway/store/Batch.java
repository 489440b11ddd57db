package dev.llmgateway.store;

import dev.llmgateway.config.ConfigSnapshot;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.config.LiveConfig;
import dev.llmgateway.pipeline.PluginRegistry;
import dev.llmgateway.pipeline.PluginStates;
import dev.llmgateway.schema.SchemaViolation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One group commit of the {@link ConfigWriter}: applies each mutation to the result of the previous one, builds
 * the next snapshot, commits the change sets in one store call, swaps, then answers everyone.
 */
final class Batch {
  private final List<ConfigWriter.Pending<?>> pending;
  private final ConfigStore store;
  private final PluginRegistry registry;
  private final PluginStates state;
  private final LiveConfig live;

  Batch(List<ConfigWriter.Pending<?>> pending, ConfigStore store, PluginRegistry registry, PluginStates state,
      LiveConfig live) {
    this.pending = pending;
    this.store = store;
    this.registry = registry;
    this.state = state;
    this.live = live;
  }

  void run() {
    ConfigSnapshot current = live.current();
    Configuration next = current.configuration();
    List<ChangeSet> changes = new ArrayList<>();
    for (ConfigWriter.Pending<?> p : pending) {
      next = apply(p, next, changes);
    }
    if (changes.isEmpty()) {
      completeAll();
      return;
    }
    ConfigSnapshot snapshot;
    try {
      snapshot = ConfigSnapshot.build(next, registry, state, current.generation() + 1);
    } catch (RuntimeException e) {
      refuseUnbuildable(e);
      return;
    }
    try {
      store.commit(changes, next);
    } catch (IOException | RuntimeException e) {
      snapshot.retire(); // its plugin instances never go live
      ApiError unavailable = ApiError.storeUnavailable(describe(e));
      for (ConfigWriter.Pending<?> p : pending) {
        p.error = unavailable;
      }
      completeAll();
      return;
    }
    live.swap(snapshot);
    completeAll();
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
      new Batch(List.of(p), store, registry, state, live).run();
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
