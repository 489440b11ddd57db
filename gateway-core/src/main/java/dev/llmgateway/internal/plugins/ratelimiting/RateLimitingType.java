package dev.llmgateway.internal.plugins.ratelimiting;

import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Schema;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rate-limiting plugin type (Kong's PRIORITY 910). Its clock decides the windows, so tests can run on a
 * fixed one; its policies map {@code config.policy} to a counter store ({@code local} and {@code cluster}
 * count in memory; {@code redis} waits for a cluster-wide store, see {@link #withPolicy}).
 */
public final class RateLimitingType implements PluginType<RateLimitingConfig> {
  private final Clock clock;
  private final Map<String, RateLimitPolicy.Factory> policies;

  /** The type on the system UTC clock (what {@link java.util.ServiceLoader} uses). */
  public RateLimitingType() {
    this(Clock.systemUTC());
  }

  public RateLimitingType(Clock clock) {
    this(clock, Map.of("local", LocalPolicy::create, "cluster", LocalPolicy::create,
        "redis", (config, setup) -> new UnavailablePolicy("redis")));
  }

  private RateLimitingType(Clock clock, Map<String, RateLimitPolicy.Factory> policies) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.policies = Map.copyOf(policies);
  }

  /** A copy whose {@code config.policy} value {@code name} (one of local, cluster, redis) uses {@code factory}. */
  public RateLimitingType withPolicy(String name, RateLimitPolicy.Factory factory) {
    if (!policies.containsKey(name)) {
      throw new IllegalArgumentException("unknown rate-limiting policy " + name);
    }
    Map<String, RateLimitPolicy.Factory> copy = new HashMap<>(policies);
    copy.put(name, Objects.requireNonNull(factory, "factory"));
    return new RateLimitingType(clock, copy);
  }

  @Override
  public String name() {
    return "rate-limiting";
  }

  @Override
  public int priority() {
    return 910;
  }

  @Override
  public Schema configSchema() {
    return RateLimitingConfig.SCHEMA;
  }

  @Override
  public Class<RateLimitingConfig> configType() {
    return RateLimitingConfig.class;
  }

  @Override
  public List<EntityCheck> entityChecks() {
    return RateLimitingChecks.all();
  }

  @Override
  public Plugin create(PluginSetup<RateLimitingConfig> setup) {
    RateLimitingConfig conf = setup.config();
    RateLimitPolicy policy = policies.get(conf.policy()).create(conf, setup);
    return new RateLimitingPlugin(conf, policy, clock);
  }
}
