package dev.llmgateway.config;

import dev.llmgateway.entity.Consumer;
import java.util.UUID;
import java.util.function.Function;

/** A read-only view of one config snapshot, as plugins see it. */
public interface ConfigView {
  /** Every entity row. */
  Configuration configuration();

  /** A consumer by id, or null. */
  Consumer consumer(UUID id);

  /** A consumer by id or username (how key-auth's {@code anonymous} names one), or null. */
  Consumer consumer(String idOrUsername);

  /**
   * A value computed once per snapshot from its configuration and then shared — for example key-auth's index of
   * credentials by key. {@code key} identifies the value; use a constant.
   */
  <T> T derived(Object key, Function<Configuration, T> compute);
}
