package dev.llmgateway.internal.balancer;

import static dev.llmgateway.internal.balancer.Pools.pickOnce;
import static dev.llmgateway.internal.balancer.Pools.pool;
import static dev.llmgateway.internal.balancer.Pools.target;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kong's algorithms and ours, on pools built from validated entities. */
class AlgorithmsTest {

  @Test
  void roundRobinInterleavesByWeightWithoutBursts() {
    Pool p = pool(Map.of(), target("a.test:80", 300), target("b.test:80", 100));
    List<String> turns = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      turns.add(pickOnce(p, null).host());
    }
    assertThat(turns).containsExactly("a.test", "a.test", "b.test", "a.test", "a.test", "a.test", "b.test", "a.test");
  }

  @Test
  void roundRobinHonoursWeightsWithinFivePercentOverAThousandPicks() {
    Pool p = pool(Map.of(), target("a.test:80", 50), target("b.test:80", 30), target("c.test:80", 20));
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      counts.merge(pickOnce(p, null).host(), 1, Integer::sum);
    }
    assertThat(counts.get("a.test")).isBetween(475, 525);
    assertThat(counts.get("b.test")).isBetween(285, 315);
    assertThat(counts.get("c.test")).isBetween(190, 210);
  }

  @Test
  void weightZeroTakesATargetOutAndAnUnhealthyOneIsSkipped() {
    Pool p = pool(Map.of(), target("a.test:80", 100), target("b.test:80", 0), target("c.test:80", 100));
    assertThat(p.peers).hasSize(2);
    p.peers[0].set(false, "test");
    for (int i = 0; i < 10; i++) {
      assertThat(pickOnce(p, null).host()).isEqualTo("c.test");
    }
    p.peers[1].set(false, "test");
    assertThat(new Tries(p, null).next()).isNull();
  }

  @Test
  void leastConnectionsPicksTheTargetWithFewestOpenRequestsPerWeight() {
    Pool p = pool(Map.of("algorithm", "least-connections"), target("a.test:80", 100), target("b.test:80", 100),
        target("c.test:80", 200));
    // Idle: (0 + 1) / weight favours the heavier target.
    assertThat(pickOnce(p, null).host()).isEqualTo("c.test");
    Tries held = new Tries(p, null);
    List<Attempt> open = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      open.add(new Tries(p, null).next());
    }
    // c got 2 (1/200, 2/200 ≤ 1/100), then a and b one each: in flight a=1, b=1, c=2.
    assertThat(p.peers[2].inFlight()).isEqualTo(2);
    assertThat(p.peers[0].inFlight() + p.peers[1].inFlight()).isEqualTo(2);
    open.get(0).ended();
    open.get(1).ended();
    assertThat(p.peers[2].inFlight()).isZero();
    assertThat(pickOnce(p, null).host()).isEqualTo("c.test");
    assertThat(held).isNotNull();
  }

  @Test
  void latencyPrefersTheFasterTarget() {
    Pool p = pool(Map.of("algorithm", "latency"), target("a.test:80", 100), target("b.test:80", 100));
    p.peers[0].sample(50_000_000L, 1);
    p.peers[1].sample(5_000_000L, 1);
    for (int i = 0; i < 20; i++) {
      assertThat(new Latency().pick(p, new Tries(p, null), false)).isEqualTo(1);
    }
  }

  @Test
  void consistentHashingKeepsAKeyOnOneTargetAndMovesAboutOneNthWhenATargetIsAdded() {
    List<dev.llmgateway.entity.Target> four = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      four.add(target("10.0.0." + i + ":8000", 100));
    }
    Map<String, Object> fields = Map.of("hash_on", "header", "hash_on_header", "x-session");
    UpstreamState state = new UpstreamState(Pools.UPSTREAM);
    Pool before = Pools.pool(fields, state, four);
    List<dev.llmgateway.entity.Target> five = new ArrayList<>(four);
    five.add(target("10.0.0.5:8000", 100));
    Pool after = Pools.pool(fields, state, five);
    int keys = 5000;
    int moved = 0;
    for (int k = 0; k < keys; k++) {
      FakeRequest r = new FakeRequest().header("x-session", "user-" + k);
      Peer first = pickOnce(before, r.facts());
      assertThat(pickOnce(before, r.facts())).isSameAs(first);
      Peer now = pickOnce(after, r.facts());
      if (now != first) {
        moved++;
        assertThat(now.address()).isEqualTo("10.0.0.5:8000"); // keys only move to the new target
      }
    }
    assertThat((double) moved / keys).isBetween(0.12, 0.28); // 1/5 = 0.2
  }

  @Test
  void consistentHashingSpreadsKeysByWeight() {
    Pool p = pool(Map.of("hash_on", "ip"), target("10.0.0.1:80", 100), target("10.0.0.2:80", 100),
        target("10.0.0.3:80", 200));
    Map<String, Integer> counts = new HashMap<>();
    for (int k = 0; k < 4000; k++) {
      counts.merge(pickOnce(p, new FakeRequest().ip("192.168." + (k / 250) + "." + (k % 250)).facts()).host(), 1,
          Integer::sum);
    }
    assertThat(counts.get("10.0.0.3")).isBetween(1600, 2400);
  }
}
