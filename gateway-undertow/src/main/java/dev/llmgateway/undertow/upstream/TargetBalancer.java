package dev.llmgateway.undertow.upstream;

import dev.llmgateway.config.ConfigSnapshot;
import dev.llmgateway.config.UpstreamTargets;
import dev.llmgateway.entity.Target;
import dev.llmgateway.proxy.WeightedTargets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Weighted round-robin over an upstream's targets. The target layout is computed once per config snapshot; the
 * turn counter of each upstream lives here, outside the snapshots, so a config change does not restart the
 * rotation.
 */
public final class TargetBalancer {
  private static final Object LAYOUTS = new Object();

  private final Map<UUID, AtomicLong> turns = new ConcurrentHashMap<>();

  /** The next target of {@code upstream} in {@code snapshot}; {@code avoid} (may be null) is skipped when possible. */
  public Target next(ConfigSnapshot snapshot, UpstreamTargets upstream, Target avoid) {
    WeightedTargets layout = layouts(snapshot).computeIfAbsent(upstream.upstream().id(),
        id -> WeightedTargets.of(upstream));
    if (layout.isEmpty()) {
      return null;
    }
    AtomicLong turn = turns.computeIfAbsent(upstream.upstream().id(), id -> new AtomicLong());
    Target t = layout.pick(turn.getAndIncrement());
    for (int i = 0; avoid != null && t.equals(avoid) && i < layout.size(); i++) {
      t = layout.pick(turn.getAndIncrement());
    }
    return t;
  }

  private static Map<UUID, WeightedTargets> layouts(ConfigSnapshot snapshot) {
    return snapshot.derived(LAYOUTS, c -> new ConcurrentHashMap<UUID, WeightedTargets>());
  }
}
