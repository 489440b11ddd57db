package dev.llmgateway.internal.plugins.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.pipeline.ConfigBinder;
import dev.llmgateway.internal.pipeline.PluginStates;
import dev.llmgateway.internal.plugins.testing.TestGateway;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** prometheus's config record as the gateway binds it, and its meters' home in the gateway's run-time state. */
class PrometheusConfigTest {
  @Test
  void theRecordMatchesTheSchemaWithEverySwitchOffByDefault() {
    TestGateway gw = new TestGateway(new PrometheusType());
    assertThat(gw.registry().names()).contains("prometheus");
    ConfigBinder<PrometheusConfig> binder =
        ConfigBinder.of("prometheus", PrometheusConfig.class, PrometheusConfig.SCHEMA);
    assertThat(binder.bind(gw.validatePlugin("prometheus", Map.of(), Map.of()).record("config")))
        .isEqualTo(new PrometheusConfig(false, false, false, false, false, false, false));
    assertThat(binder.bind(gw.validatePlugin("prometheus", Map.of("per_consumer", true, "ai_metrics", true),
        Map.of()).record("config")))
        .isEqualTo(new PrometheusConfig(true, false, false, false, false, true, false));
  }

  @Test
  void metersLiveInTheGatewaysRegistryAndOutliveEveryPlugin() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PluginStates state = new PluginStates(registry);
    KongMeters meters = KongMeters.of(state);
    assertThat(meters.registry).isSameAs(registry);
    state.retainOnly(java.util.Set.of()); // every plugin deleted: per-plugin state goes, the meters stay
    assertThat(KongMeters.of(state)).isSameAs(meters);
    assertThat(new PluginStates().meterRegistry()).isNotNull();
  }
}
