package dev.llmgateway.plugin;

import java.util.Objects;

/**
 * A typed key for state a plugin keeps across config changes in {@link RuntimeState}, such as
 * {@code StateKey.of("rate-limiting/counters", LocalCounters.class)}. Keys compare by identity, so keep each in a
 * constant; two plugins choosing the same name never see each other's state.
 *
 * @param <T> the type of the state
 */
public final class StateKey<T> {
  private final String name;
  private final Class<T> type;

  private StateKey(String name, Class<T> type) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
  }

  /** A new key; {@code name} is for diagnostics only. */
  public static <T> StateKey<T> of(String name, Class<T> type) {
    return new StateKey<>(name, type);
  }

  public String name() {
    return name;
  }

  public Class<T> type() {
    return type;
  }

  /** {@code value} as this key's type; fails when something else was stored. */
  public T cast(Object value) {
    return type.cast(value);
  }

  @Override
  public String toString() {
    return "StateKey[" + name + "]";
  }
}
