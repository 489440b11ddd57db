package dev.llmgateway.internal.plugins.prometheus;

import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.Schema;

/**
 * The prometheus plugin type (Kong's PRIORITY 13): records each request's figures, in the log phase, into the
 * gateway's Micrometer registry; {@code GET /metrics} on the Admin and status listeners prints them.
 */
public final class PrometheusType implements PluginType<PrometheusConfig> {
  @Override
  public String name() {
    return "prometheus";
  }

  @Override
  public int priority() {
    return 13;
  }

  @Override
  public Schema configSchema() {
    return PrometheusConfig.SCHEMA;
  }

  @Override
  public Class<PrometheusConfig> configType() {
    return PrometheusConfig.class;
  }

  @Override
  public Plugin create(PluginSetup<PrometheusConfig> setup) {
    PrometheusConfig conf = setup.config();
    KongMeters meters = KongMeters.of(setup.state());
    if (conf.upstreamHealthMetrics()) {
      TargetHealthBoard.of(setup.state()).enable(setup.view().configuration());
    }
    return new PrometheusPlugin(conf, meters);
  }
}
