package dev.llmgateway.internal.plugins.modelrouter;

import dev.llmgateway.plugin.StateKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What each backend last said it serves, by the URL of its model list, with how many reads in a row have failed
 * since. Kept per plugin binding across config changes, so a change does not empty the list until the next read.
 */
final class DiscoveredModels {
  static final StateKey<DiscoveredModels> KEY = StateKey.of("ai-model-router/discovered", DiscoveredModels.class);

  /** One backend's last good list ({@code models}) and its failed reads since ({@code failures}). */
  record Entry(List<String> models, int failures) {}

  final Map<String, Entry> byUri = new ConcurrentHashMap<>();

  /** When the last round of reads began ({@link System#nanoTime()}), or 0 before the first. */
  volatile long lastRoundNanos;

  /**
   * How long a refresh that starts now should wait for its first round: none while a backend was never read,
   * else what is left of the interval since the last round, so a config change (every admin write rebuilds the
   * plugin) does not read every engine's model list again at once.
   */
  long firstDelayMillis(List<Backend> backends, long intervalMillis) {
    long last = lastRoundNanos;
    if (last == 0 || !backends.stream().allMatch(b -> byUri.containsKey(b.modelsUri().toString()))) {
      return 0;
    }
    long since = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - last);
    return Math.max(0, Math.min(intervalMillis, intervalMillis - since));
  }

  /** The models a backend serves now: its last list unless {@code staleAfter} reads in a row have failed. */
  List<String> current(Backend backend, int staleAfter) {
    Entry e = byUri.get(backend.modelsUri().toString());
    return e == null || e.failures() >= staleAfter ? List.of() : e.models();
  }
}
