package dev.llmgateway.plugin;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Run-time state that lives beside the config snapshots rather than in them — rate-limit counters, caches — so that
 * an unrelated admin write never resets it. Keys should be stable identities, e.g. {@code "rate-limiting/" + id}.
 */
public final class RuntimeState {
  private final ConcurrentMap<String, Object> entries = new ConcurrentHashMap<>();

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
