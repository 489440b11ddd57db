package dev.llmgateway.internal.plugins.ratelimiting;

import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.plugin.RuntimeState;
import dev.llmgateway.plugin.Verdict;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;
import java.util.UUID;

/**
 * A test plugin that runs after rate-limiting and copies how many identifiers the local counters of the
 * rate-limiting plugin {@code config.plugin} hold into the upstream header {@code X-Probe-Counters}: the counters
 * live only in the gateway's run-time state, so end-to-end tests see their eviction through this. It sits in the
 * rate-limiting package to read that package-private state.
 */
public final class CountersProbeType implements PluginType<CountersProbeType.ProbeConfig> {
  /** The probe's config: the id of the rate-limiting plugin whose counters it reports. */
  public record ProbeConfig(String plugin) {}

  @Override
  public String name() {
    return "counters-probe";
  }

  @Override
  public int priority() {
    return 1;
  }

  @Override
  public Schema configSchema() {
    return Schema.of("counters-probe", Field.string("plugin").required());
  }

  @Override
  public Class<ProbeConfig> configType() {
    return ProbeConfig.class;
  }

  @Override
  public Plugin create(PluginSetup<ProbeConfig> setup) {
    UUID plugin = UUID.fromString(setup.config().plugin());
    RuntimeState state = setup.state();
    return new Plugin() {
      @Override
      public Verdict access(AccessContext ctx) {
        int size = state.get(LocalPolicy.COUNTERS, plugin, LocalCounters::new).size();
        ctx.upstream().headers().set("X-Probe-Counters", Integer.toString(size));
        return Verdict.proceed();
      }
    };
  }
}
