package dev.llmgateway.plugin;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Run-time state that lives beside the config snapshots rather than in them — rate-limit counters, caches — so that
 * an unrelated admin write never resets it. Keys should be stable identities, e.g. {@code "rate-limiting/" + id}.
 * It also carries the {@link MeterRegistry} plugins record metrics into, which lives as long as the gateway.
 */
public final class RuntimeState {
  private final ConcurrentMap<String, Object> entries = new ConcurrentHashMap<>();
  private final MeterRegistry meterRegistry;

  /** State whose plugins record metrics nowhere (an empty composite registry keeps every meter a no-op). */
  public RuntimeState() {
    this(new CompositeMeterRegistry());
  }

  /** State whose plugins record metrics into {@code meterRegistry}. */
  public RuntimeState(MeterRegistry meterRegistry) {
    this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
  }

  /** Where plugins record metrics (Micrometer: any backend the embedding application chose). */
  public MeterRegistry meterRegistry() {
    return meterRegistry;
  }

  /** The state under {@code key}, created once by {@code initial} when absent. */
  @SuppressWarnings("unchecked")
  public <T> T get(String key, Supplier<T> initial) {
    Object existing = entries.get(key);
    if (existing != null) {
      return (T) existing;
    }
    return (T) entries.computeIfAbsent(key, k -> initial.get());
  }

  /** Drops state whose owner is gone (called after a snapshot swap with the keys still in use). */
  public void retainOnly(java.util.Set<String> liveKeys, String prefix) {
    entries.keySet().removeIf(k -> k.startsWith(prefix) && !liveKeys.contains(k));
  }
}
