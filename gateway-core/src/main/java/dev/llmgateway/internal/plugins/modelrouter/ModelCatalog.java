package dev.llmgateway.internal.plugins.modelrouter;

import dev.llmgateway.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The models a router serves at one moment: the configured ones (always, aliases included) and then those the
 * backends reported, each backend in configured order; a name already taken keeps its first owner. Immutable;
 * the router swaps in a new one after each round of reads.
 */
record ModelCatalog(Map<String, ModelRouterConfig.Model> byName, byte[] list) {

  static ModelCatalog of(List<ModelRouterConfig.Model> configured, List<Backend> backends,
      DiscoveredModels discovered, int staleAfter) {
    Map<String, ModelRouterConfig.Model> byName = new HashMap<>();
    List<Object> data = new ArrayList<>();
    for (ModelRouterConfig.Model m : configured) {
      byName.put(m.name(), m);
      data.add(entry(m.name(), m.service() != null ? m.service() : m.upstream() != null ? m.upstream() : "gateway"));
    }
    for (Backend b : backends) {
      for (String name : discovered.current(b, staleAfter)) {
        if (!byName.containsKey(name)) {
          // Sent as named: the engine itself said it serves this name.
          byName.put(name, new ModelRouterConfig.Model(name, b.serviceRef(), null, null));
          data.add(entry(name, b.owner()));
        }
      }
    }
    byte[] list = Json.write(Map.of("object", "list", "data", data)).getBytes(StandardCharsets.UTF_8);
    return new ModelCatalog(Map.copyOf(byName), list);
  }

  private static Map<String, Object> entry(String id, String owner) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("id", id);
    entry.put("object", "model");
    entry.put("created", 0L);
    entry.put("owned_by", owner);
    return entry;
  }
}
