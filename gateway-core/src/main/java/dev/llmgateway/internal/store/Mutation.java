package dev.llmgateway.internal.store;

import dev.llmgateway.store.ChangeSet;

import dev.llmgateway.config.Configuration;

/**
 * One write, as a function of the configuration it applies to. The {@link ConfigWriter} runs mutations one at a
 * time on its thread, each against the result of the previous one, so a mutation may read and check freely: no
 * other write can slip in between. Refusals are thrown as {@link ApiError} (or {@code SchemaViolation}).
 */
@FunctionalInterface
public interface Mutation<T> {
  Outcome<T> apply(Configuration current);

  /** The result of a mutation: the next configuration, what changed, and what to answer. */
  record Outcome<T>(Configuration next, ChangeSet changes, T result) {
    /** Nothing changed (for example deleting an entity that does not exist). */
    public static <T> Outcome<T> unchanged(Configuration current, T result) {
      return new Outcome<>(current, ChangeSet.none(), result);
    }
  }
}
