package dev.llmgateway.internal.balancer;

import dev.llmgateway.balancer.BackPressure;

import dev.llmgateway.entity.Target;
import dev.llmgateway.entity.Upstream;
import dev.llmgateway.schema.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds validated upstreams and targets into pools, as a config snapshot would. */
final class Pools {
  static final UUID UPSTREAM = UUID.randomUUID();

  private Pools() {}

  static Target target(String hostPort, int weight) {
    Row row = Target.SCHEMA.validate(Target.TYPE.expandShorthands(Map.of("id", UUID.randomUUID().toString(),
        "upstream", Map.of("id", UPSTREAM.toString()), "target", hostPort, "weight", (long) weight)));
    return Target.of(row);
  }

  static Upstream upstream(Map<String, Object> fields) {
    Map<String, Object> f = new LinkedHashMap<>(fields);
    f.put("id", UPSTREAM.toString());
    f.putIfAbsent("name", "pool");
    return Upstream.of(Upstream.SCHEMA.validate(Upstream.TYPE.expandShorthands(f)));
  }

  static Pool pool(Map<String, Object> fields, UpstreamState state, List<Target> targets) {
    return new Pool(upstream(fields), targets, state, BackPressure.DEFAULT);
  }

  static Pool pool(Map<String, Object> fields, Target... targets) {
    return pool(fields, new UpstreamState(UPSTREAM), List.of(targets));
  }

  /** Picks for one request's first try and ends it at once (in-flight back to where it was). */
  static Peer pickOnce(Pool pool, RequestFacts facts) {
    Tries t = new Tries(pool, facts);
    Attempt a = t.next();
    Peer p = t.peer();
    if (a != null) {
      a.ended();
    }
    return p;
  }
}
