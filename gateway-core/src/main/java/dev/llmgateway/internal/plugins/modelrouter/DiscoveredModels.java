package dev.llmgateway.internal.plugins.modelrouter;

import dev.llmgateway.plugin.StateKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each backend last said it serves, by the URL of its model list, with how many reads in a row have failed
 * since. Kept per plugin binding across config changes, so a change does not empty the list until the next read.
 */
final class DiscoveredModels {
  static final StateKey<DiscoveredModels> KEY = StateKey.of("ai-model-router/discovered", DiscoveredModels.class);

  /** One backend's last good list ({@code models}) and its failed reads since ({@code failures}). */
  record Entry(List<String> models, int failures) {}

  final Map<String, Entry> byUri = new ConcurrentHashMap<>();

  /** The models a backend serves now: its last list unless {@code staleAfter} reads in a row have failed. */
  List<String> current(Backend backend, int staleAfter) {
    Entry e = byUri.get(backend.modelsUri().toString());
    return e == null || e.failures() >= staleAfter ? List.of() : e.models();
  }
}
