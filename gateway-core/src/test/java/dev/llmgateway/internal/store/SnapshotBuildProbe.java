package dev.llmgateway.internal.store;

import dev.llmgateway.store.ChangeSet;

import dev.llmgateway.internal.admin.TestPlugins;
import dev.llmgateway.internal.config.ConfigSnapshot;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.internal.declarative.DeclarativeConfig;
import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.pipeline.PluginRegistry;
import dev.llmgateway.internal.pipeline.PluginStates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Not a test: prints where the CPU of one admin write goes with 1,000 routes (run by hand, see the benchmark). */
public final class SnapshotBuildProbe {
  private SnapshotBuildProbe() {}

  public static void main(String[] args) {
    PluginRegistry registry = TestPlugins.registry();
    List<Object> services = new ArrayList<>();
    for (int s = 0; s < 10; s++) {
      List<Object> routes = new ArrayList<>();
      for (int r = 0; r < 100; r++) {
        routes.add(Map.of("name", "r" + s + "-" + r, "paths", List.of("/s" + s + "/r" + r)));
      }
      services.add(Map.of("name", "s" + s, "url", "http://u" + s + ".test", "routes", routes));
    }
    Configuration cfg = new DeclarativeConfig(registry.entityTypes(), System::currentTimeMillis)
        .load(Json.write(Map.of("_format_version", "3.0", "services", services)));
    EntityWrites writes = EntityWrites.withSystemClock();
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < 200; i++) {
        ConfigSnapshot.build(cfg, registry, new PluginStates(), i);
      }
      long t1 = System.nanoTime();
      Configuration c = cfg;
      for (int i = 0; i < 200; i++) {
        c = writes.update(c, dev.llmgateway.entity.Route.TYPE, EntityKey.parse(dev.llmgateway.entity.Route.TYPE,
            "r1-" + (i % 100)), Map.of("regex_priority", (long) i)).next();
      }
      long t2 = System.nanoTime();
      for (int i = 0; i < 200; i++) {
        Json.write(ChangeSet.of(List.of(ChangeSet.put(dev.llmgateway.entity.Route.TYPE,
            c.rows(dev.llmgateway.entity.Route.TYPE).iterator().next()))).toJson());
      }
      long t3 = System.nanoTime();
      System.out.printf("snapshot build %.2f ms, entity update with integrity %.3f ms, change line %.3f ms%n",
          (t1 - t0) / 200e6, (t2 - t1) / 200e6, (t3 - t2) / 200e6);
    }
  }
}
