package dev.llmgateway.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.config.ConfigSnapshot;
import dev.llmgateway.internal.config.LiveConfig;
import dev.llmgateway.internal.config.UpstreamTargets;
import dev.llmgateway.entity.Target;
import dev.llmgateway.entity.Upstream;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.StateKey;
import dev.llmgateway.internal.route.RouteMatch;
import dev.llmgateway.internal.route.RouteRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConfigSnapshotTest {
  /** A plugin instance holding a counter it got from the run-time state, keyed by its binding id. */
  record Counting(AtomicLong counter) implements Plugin {}

  private static final StateKey<AtomicLong> COUNTER = StateKey.of("counting", AtomicLong.class);
  private static final StateKey<Object> SHARED = StateKey.of("k", Object.class);

  private static final Fixtures.TestType COUNTING = new Fixtures.TestType("counting", 10, true,
      setup -> new Counting(setup.state(COUNTER, AtomicLong::new)));

  private static RouteRequest get(String path) {
    return new RouteRequest() {
      @Override
      public String method() {
        return "GET";
      }

      @Override
      public String scheme() {
        return "http";
      }

      @Override
      public String host() {
        return "gw.test";
      }

      @Override
      public int port() {
        return 8000;
      }

      @Override
      public String path() {
        return path;
      }

      @Override
      public List<String> headerValues(String name) {
        return List.of();
      }
    };
  }

  @Test
  void runtimeStateSurvivesASnapshotRebuild() {
    Fixtures.Config c = new Fixtures.Config(PluginRegistry.of(COUNTING));
    UUID route = c.route(null, "/r");
    c.plugin("counting", "x", null, null, null);
    PluginStates state = new PluginStates();
    ConfigSnapshot first = c.snapshot(state);
    Counting before = (Counting) first.plan(first.route(route)).select(0, null, "http");
    before.counter().addAndGet(41);

    c.service("unrelated.test", true);
    ConfigSnapshot second = c.snapshot(state);
    Counting after = (Counting) second.plan(second.route(route)).select(0, null, "http");
    assertThat(after).isNotSameAs(before);
    assertThat(after.counter()).isSameAs(before.counter());
    assertThat(after.counter().incrementAndGet()).isEqualTo(42);

    assertThat(state.shared(SHARED, Object::new)).isSameAs(state.shared(SHARED, Object::new));
    state.retainOnly(Set.of());
    AtomicLong fresh = state.get(COUNTER, UUID.randomUUID(), AtomicLong::new);
    assertThat(fresh.get()).isZero();
    Object kept = state.shared(SHARED, () -> "fresh");
    assertThat(kept).isNotEqualTo("fresh");
  }

  @Test
  void aDeletedPluginsStateGoesOnlyWhenTheSnapshotWithoutItGoesLive() {
    Fixtures.Config c = new Fixtures.Config(PluginRegistry.of(COUNTING));
    UUID route = c.route(null, "/r");
    UUID plugin = c.plugin("counting", "x", null, null, null);
    PluginStates state = new PluginStates();
    ConfigSnapshot first = c.snapshot(state);
    LiveConfig live = new LiveConfig(first);
    Counting counting = (Counting) first.plan(first.route(route)).select(0, null, "http");
    counting.counter().addAndGet(7);

    c.remove(c.registry.entityTypes().plugins(), plugin);
    ConfigSnapshot without = c.snapshot(state); // built, but (say) the store refused it: never swapped in
    assertThat(state.get(COUNTER, plugin, AtomicLong::new)).isSameAs(counting.counter());

    live.swap(without);
    assertThat(state.get(COUNTER, plugin, AtomicLong::new)).isNotSameAs(counting.counter());
  }

  @Test
  void routesOfDisabledServicesAreLeftOutOfTheRouter() {
    Fixtures.Config c = new Fixtures.Config(PluginRegistry.of(COUNTING));
    UUID off = c.route(c.service("off.test", false), "/off");
    UUID on = c.route(c.service("on.test", true), "/on");
    UUID lone = c.route(null, "/lone");
    c.plugin("counting", "x", null, null, null);
    ConfigSnapshot snapshot = c.snapshot(new PluginStates());
    assertThat(snapshot.router().match(get("/off"))).isNull();
    RouteMatch m = snapshot.router().match(get("/on"));
    assertThat(m.route().id()).isEqualTo(on);
    assertThat(m.service().host()).isEqualTo("on.test");
    RouteMatch noService = snapshot.router().match(get("/lone"));
    assertThat(noService.route().id()).isEqualTo(lone);
    assertThat(noService.service()).isNull();
    assertThat(snapshot.route(off)).isNotNull();
    assertThat(snapshot.plan(snapshot.route(off))).isSameAs(PluginPlan.EMPTY);
    assertThat(snapshot.plan(snapshot.route(on)).size()).isEqualTo(1);
  }

  @Test
  void upstreamTargetsWithWeightZeroAreExcluded() {
    Fixtures.Config c = new Fixtures.Config(PluginRegistry.of());
    UUID up = UUID.randomUUID();
    c.configuration = c.configuration.with(Upstream.TYPE, Upstream.SCHEMA.validate(Map.of("id", up.toString(),
        "name", "llm-pool")));
    for (Object[] t : new Object[][] {{"10.0.0.1", 100L}, {"10.0.0.2:9000", 0L}, {"10.0.0.3", 5L}}) {
      c.configuration = c.configuration.with(Target.TYPE, Target.SCHEMA.validate(Map.of("id",
          UUID.randomUUID().toString(), "upstream", Map.of("id", up.toString()), "target", t[0], "weight", t[1])));
    }
    ConfigSnapshot snapshot = c.snapshot(new PluginStates());
    UpstreamTargets pool = snapshot.upstream("llm-pool");
    assertThat(pool.upstream().algorithm()).isEqualTo("round-robin");
    assertThat(pool.targets()).extracting(t -> t.host() + ":" + t.port() + "/" + t.weight())
        .containsExactlyInAnyOrder("10.0.0.1:8000/100", "10.0.0.3:8000/5");
    assertThat(snapshot.upstream("plain.host.test")).isNull();
  }

  @Test
  void consumersByIdOrUsernameAndDerivedValuesOncePerSnapshot() {
    Fixtures.Config c = new Fixtures.Config(PluginRegistry.of());
    UUID alice = c.consumer("alice");
    ConfigSnapshot snapshot = c.snapshot(new PluginStates());
    assertThat(snapshot.consumer(alice).username()).isEqualTo("alice");
    assertThat(snapshot.consumer("alice").id()).isEqualTo(alice);
    assertThat(snapshot.consumer(alice.toString()).id()).isEqualTo(alice);
    assertThat(snapshot.consumer("nobody")).isNull();
    assertThat(snapshot.consumer((UUID) null)).isNull();
    AtomicInteger computed = new AtomicInteger();
    Object key = new Object();
    Object a = snapshot.derived(key, cfg -> "v" + computed.incrementAndGet());
    Object b = snapshot.derived(key, cfg -> "v" + computed.incrementAndGet());
    assertThat(a).isEqualTo("v1").isSameAs(b);
    LiveConfig live = new LiveConfig(snapshot);
    ConfigSnapshot next = c.snapshot(new PluginStates());
    live.swap(next);
    assertThat(live.current()).isSameAs(next);
  }
}
