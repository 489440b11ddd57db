package dev.llmgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.config.UpstreamTargets;
import dev.llmgateway.entity.Target;
import dev.llmgateway.entity.Upstream;
import dev.llmgateway.schema.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WeightedTargetsTest {
  private static final UUID UPSTREAM = UUID.randomUUID();

  private static Target target(String host, int weight) {
    Row row = Target.SCHEMA.validate(Target.TYPE.expandShorthands(Map.of("id", UUID.randomUUID().toString(),
        "upstream", Map.of("id", UPSTREAM.toString()), "target", host, "weight", (long) weight)));
    return Target.of(row);
  }

  private static WeightedTargets layout(Target... targets) {
    Row up = Upstream.SCHEMA.validate(Map.of("id", UPSTREAM.toString(), "name", "pool"));
    return WeightedTargets.of(new UpstreamTargets(Upstream.of(up), List.of(targets)));
  }

  @Test
  void weightsAreHonouredAndInterleaved() {
    Target a = target("a.test", 300);
    Target b = target("b.test", 100);
    WeightedTargets w = layout(a, b);
    List<Target> firstTurns = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      firstTurns.add(w.pick(i));
    }
    assertThat(firstTurns).containsExactlyInAnyOrder(a, a, a, b);
    assertThat(firstTurns.subList(0, 2)).contains(a);
    Map<Target, Integer> counts = new HashMap<>();
    for (int i = 0; i < 4000; i++) {
      counts.merge(w.pick(i), 1, Integer::sum);
    }
    assertThat(counts).containsEntry(a, 3000).containsEntry(b, 1000);
  }

  @Test
  void manySmallWeightsStayProportionalOnABoundedWheel() {
    WeightedTargets w = layout(target("a.test", 65535), target("b.test", 65534), target("c.test", 1));
    assertThat(w.size()).isLessThanOrEqualTo(WeightedTargets.MAX_SLOTS + 3);
    assertThat(w.pick(-1)).isNotNull();
  }

  @Test
  void noTargetsMeansEmpty() {
    assertThat(layout().isEmpty()).isTrue();
    assertThat(layout().pick(0)).isNull();
  }
}
