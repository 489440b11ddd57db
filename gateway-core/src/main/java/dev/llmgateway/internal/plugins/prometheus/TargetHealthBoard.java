package dev.llmgateway.internal.plugins.prometheus;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.entity.Target;
import dev.llmgateway.entity.Upstream;
import dev.llmgateway.plugin.RuntimeState;
import dev.llmgateway.plugin.StateKey;
import dev.llmgateway.schema.Row;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What {@code kong_upstream_target_health} shows. Until a health checker {@link #publish publishes} states,
 * every configured target is {@code healthchecks_off} (Kong's value when no check runs). The gauge exists only
 * once a prometheus plugin has {@code upstream_health_metrics} on, as in Kong.
 */
public final class TargetHealthBoard {
  private static final StateKey<TargetHealthBoard> KEY =
      StateKey.of("prometheus/target-health", TargetHealthBoard.class);

  private final MultiGauge gauge;
  private volatile boolean enabled;
  private volatile List<TargetHealth> configured = List.of();
  private volatile List<TargetHealth> published;

  private TargetHealthBoard(RuntimeState state) {
    gauge = MultiGauge.builder("kong.upstream.target.health")
        .description("Health status of targets of upstream. States = healthchecks_off|healthy|unhealthy|dns_error,"
            + " value is 1 when state is populated.")
        .register(state.meterRegistry());
  }

  /** The board of the gateway {@code state} belongs to. */
  public static TargetHealthBoard of(RuntimeState state) {
    return state.shared(KEY, () -> new TargetHealthBoard(state));
  }

  /**
   * Replaces the health states shown, for a health checker to call whenever a target's state changes; the rows
   * replace the {@code healthchecks_off} defaults entirely.
   */
  public void publish(List<TargetHealth> rows) {
    published = List.copyOf(rows);
    refresh();
  }

  /** Turns the gauge on and takes the targets of {@code config} as the defaults. */
  void enable(Configuration config) {
    Map<UUID, Row> upstreams = config.table(Upstream.TYPE);
    List<TargetHealth> rows = new ArrayList<>();
    for (Row row : config.rows(Target.TYPE)) {
      Target t = Target.of(row);
      Row upstream = upstreams.get(t.upstreamId());
      String name = upstream == null ? t.upstreamId().toString() : Upstream.of(upstream).name();
      String hostPort = (t.host().indexOf(':') >= 0 ? "[" + t.host() + "]" : t.host()) + ":" + t.port();
      rows.add(new TargetHealth(name, hostPort, hostPort, TargetHealth.State.HEALTHCHECKS_OFF));
    }
    configured = List.copyOf(rows);
    enabled = true;
    refresh();
  }

  private synchronized void refresh() {
    if (!enabled) {
      return;
    }
    List<TargetHealth> rows = published != null ? published : configured;
    List<MultiGauge.Row<?>> series = new ArrayList<>(rows.size() * 4);
    for (TargetHealth h : rows) {
      for (TargetHealth.State s : TargetHealth.State.values()) {
        series.add(MultiGauge.Row.of(Tags.of("upstream", h.upstream(), "target", h.target(),
            "address", h.address(), "state", s.label, "subsystem", "http"), s == h.state() ? 1 : 0));
      }
    }
    gauge.register(series, true);
  }
}
