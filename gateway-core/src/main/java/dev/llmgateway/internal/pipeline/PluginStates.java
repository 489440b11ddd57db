package dev.llmgateway.internal.pipeline;

import dev.llmgateway.plugin.RuntimeState;
import dev.llmgateway.plugin.StateKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The gateway's {@link RuntimeState}: one per gateway, shared by all its snapshots. Each snapshot build drops the
 * per-binding entries of plugins the configuration no longer has ({@link #retainOnly}), so deleted plugins do not
 * keep memory; their ids never come back. The meter registry is fixed at construction and outlives every snapshot.
 */
public final class PluginStates implements RuntimeState {
  /** An entry's identity: its key and its binding (null for shared state). */
  private record Slot(StateKey<?> key, UUID bindingId) {}

  private final ConcurrentMap<Slot, Object> entries = new ConcurrentHashMap<>();
  private final MeterRegistry meterRegistry;

  /** State whose plugins record metrics nowhere (an empty composite registry keeps every meter a no-op). */
  public PluginStates() {
    this(new CompositeMeterRegistry());
  }

  /** State whose plugins record metrics into {@code meterRegistry}. */
  public PluginStates(MeterRegistry meterRegistry) {
    this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
  }

  @Override
  public <T> T get(StateKey<T> key, UUID bindingId, Supplier<? extends T> initial) {
    return lookup(new Slot(key, Objects.requireNonNull(bindingId, "bindingId")), key, initial);
  }

  @Override
  public <T> T shared(StateKey<T> key, Supplier<? extends T> initial) {
    return lookup(new Slot(key, null), key, initial);
  }

  @Override
  public MeterRegistry meterRegistry() {
    return meterRegistry;
  }

  private <T> T lookup(Slot slot, StateKey<T> key, Supplier<? extends T> initial) {
    Objects.requireNonNull(initial, "initial");
    Object existing = entries.get(slot);
    if (existing == null) {
      existing = entries.computeIfAbsent(slot, s -> Objects.requireNonNull(initial.get(), "initial state"));
    }
    return key.cast(existing);
  }

  /** Drops the per-binding state of every binding not in {@code liveBindings}; shared state stays. */
  public void retainOnly(Set<UUID> liveBindings) {
    entries.keySet().removeIf(s -> s.bindingId() != null && !liveBindings.contains(s.bindingId()));
  }
}
