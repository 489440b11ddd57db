package dev.llmgateway.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.config.ConfigSnapshot;
import dev.llmgateway.entity.Route;
import dev.llmgateway.plugin.Plugin;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kong's eight scope levels (reference section 6): route+service+consumer > route+consumer > service+consumer >
 * route+service > consumer > route > service > global, through snapshot, per-route plan and per-request select.
 */
class PluginPrecedenceTest {
  /** The levels, most specific first. */
  enum Level {
    ROUTE_SERVICE_CONSUMER(true, true, true), ROUTE_CONSUMER(true, false, true),
    SERVICE_CONSUMER(false, true, true), ROUTE_SERVICE(true, true, false), CONSUMER(false, false, true),
    ROUTE(true, false, false), SERVICE(false, true, false), GLOBAL(false, false, false);

    final boolean route;
    final boolean service;
    final boolean consumer;

    Level(boolean route, boolean service, boolean consumer) {
      this.route = route;
      this.service = service;
      this.consumer = consumer;
    }
  }

  private final Fixtures.Config config = new Fixtures.Config(PluginRegistry.of(Fixtures.labelled("tag", 10)));
  private final UUID service = config.service("svc.test", true);
  private final UUID route = config.route(service, "/r");
  private final UUID consumer = config.consumer("alice");
  private final UUID otherService = config.service("other.test", true);
  private final UUID otherRoute = config.route(service, "/other");
  private final UUID otherConsumer = config.consumer("bob");
  private final UUID unboundConsumer = config.consumer("carol");

  private UUID bind(Level l, String label) {
    return config.plugin("tag", label, l.route ? route : null, l.service ? service : null,
        l.consumer ? consumer : null);
  }

  /** Bindings at every level that name another route, service or consumer: none may apply. */
  private void bindNoise() {
    for (Level l : Level.values()) {
      if (l.route) {
        config.plugin("tag", "noise", otherRoute, l.service ? service : null, l.consumer ? consumer : null);
      }
      if (l.service) {
        config.plugin("tag", "noise", l.route ? route : null, otherService, l.consumer ? consumer : null);
      }
      if (l.consumer) {
        config.plugin("tag", "noise", l.route ? route : null, l.service ? service : null, otherConsumer);
      }
    }
  }

  private String pick(ConfigSnapshot snapshot, UUID routeId, UUID consumerId, String scheme) {
    PluginPlan plan = snapshot.plan(snapshot.route(routeId));
    if (plan.isEmpty()) {
      return null;
    }
    assertThat(plan.size()).isEqualTo(1);
    Plugin p = plan.select(0, consumerId, scheme);
    return p == null ? null : ((Fixtures.Labelled) p).label();
  }

  @ParameterizedTest
  @EnumSource(Level.class)
  void theMostSpecificConfiguredLevelWins(Level winner) {
    bindNoise();
    for (Level l : EnumSet.range(winner, Level.GLOBAL)) {
      bind(l, l.name());
    }
    ConfigSnapshot snapshot = config.snapshot(new PluginStates());
    assertThat(pick(snapshot, route, consumer, "http")).isEqualTo(winner.name());
    Level withoutConsumer = EnumSet.range(winner, Level.GLOBAL).stream().filter(l -> !l.consumer).findFirst()
        .orElseThrow();
    assertThat(pick(snapshot, route, null, "http")).isEqualTo(withoutConsumer.name());
    assertThat(pick(snapshot, route, unboundConsumer, "http")).as("a consumer without bindings")
        .isEqualTo(withoutConsumer.name());
  }

  @Test
  void everyPairOfLevelsIsOrderedAsKongOrdersThem() {
    for (Level a : Level.values()) {
      for (Level b : EnumSet.range(a, Level.GLOBAL)) {
        Fixtures.Config c = new Fixtures.Config(PluginRegistry.of(Fixtures.labelled("tag", 10)));
        UUID s = c.service("s.test", true);
        UUID r = c.route(s, "/x");
        UUID k = c.consumer("k");
        for (Level l : List.of(b, a)) {
          c.plugin("tag", l.name(), l.route ? r : null, l.service ? s : null, l.consumer ? k : null);
        }
        ConfigSnapshot snapshot = c.snapshot(new PluginStates());
        assertThat(pick(snapshot, r, k, "http")).as(a + " over " + b).isEqualTo(a.name());
      }
    }
  }

  @Test
  void disabledBindingsAreSkippedForTheNextLevel() {
    config.plugin("tag", "off", route, service, consumer, Map.of("enabled", false));
    bind(Level.ROUTE_CONSUMER, "on");
    assertThat(pick(config.snapshot(new PluginStates()), route, consumer, "http")).isEqualTo("on");
  }

  @Test
  void serviceBindingsNeedTheRoutesServiceAndRoutesWithoutServiceGetGlobalOnly() {
    UUID lone = config.route(null, "/lone");
    bind(Level.SERVICE, "service");
    bind(Level.GLOBAL, "global");
    ConfigSnapshot snapshot = config.snapshot(new PluginStates());
    assertThat(pick(snapshot, lone, null, "http")).isEqualTo("global");
    assertThat(pick(snapshot, otherRoute, null, "http")).isEqualTo("service");
  }

  @Test
  void consumerOnlyBindingsRunOnlyForThatConsumer() {
    bind(Level.CONSUMER, "consumer");
    ConfigSnapshot snapshot = config.snapshot(new PluginStates());
    assertThat(pick(snapshot, route, consumer, "http")).isEqualTo("consumer");
    assertThat(pick(snapshot, route, null, "http")).isNull();
    assertThat(pick(snapshot, route, otherConsumer, "https")).isNull();
  }

  @Test
  void theChosenBindingAppliesOnlyToItsProtocols() {
    config.plugin("tag", "https-only", route, null, null, Map.of("protocols", List.of("https")));
    bind(Level.GLOBAL, "global");
    ConfigSnapshot snapshot = config.snapshot(new PluginStates());
    assertThat(pick(snapshot, route, null, "https")).isEqualTo("https-only");
    assertThat(pick(snapshot, route, null, "http")).as("most specific binding wins, then its protocols apply")
        .isNull();
    assertThat(pick(snapshot, otherRoute, null, "http")).isEqualTo("global");
  }

  @Test
  void slotsRunByPriorityThenNameDescending() {
    Fixtures.Config c = new Fixtures.Config(PluginRegistry.of(Fixtures.labelled("a-low", 5),
        Fixtures.labelled("a", 10), Fixtures.labelled("b", 10), Fixtures.labelled("unbound", 99)));
    UUID r = c.route(null, "/p");
    for (String name : List.of("a-low", "a", "b")) {
      c.plugin(name, name, null, null, null);
    }
    ConfigSnapshot snapshot = c.snapshot(new PluginStates());
    PluginPlan plan = snapshot.plan(snapshot.route(r));
    assertThat(List.of(plan.type(0).name(), plan.type(1).name(), plan.type(2).name()))
        .containsExactly("b", "a", "a-low");
    assertThat(plan.size()).isEqualTo(3);
    Route unknown = Route.of(Route.SCHEMA.validate(Map.of("id", UUID.randomUUID().toString(), "paths",
        List.of("/n"))));
    assertThat(snapshot.plan(unknown)).isSameAs(PluginPlan.EMPTY);
  }
}
