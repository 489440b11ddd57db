package dev.llmgateway.cluster.internal.redis;

import dev.llmgateway.internal.plugins.ratelimiting.RateLimitingType;

/**
 * The rate-limiting plugin type with counters in Redis for {@code policy: redis} — and, in cluster mode, for
 * {@code policy: cluster} too (documented: this gateway counts Kong's cluster policy in Redis, through the
 * plugin's {@code config.redis}, rather than in PostgreSQL; without {@code config.redis.host} it fails and
 * {@code fault_tolerant} decides, never silently counting per node).
 */
public final class RedisRateLimiting {
  private RedisRateLimiting() {}

  /** The type to register in place of the discovered one; {@code clusterToo} maps {@code cluster} as well. */
  public static RateLimitingType type(RedisClients clients, boolean clusterToo) {
    RateLimitingType type = new RateLimitingType()
        .withPolicy("redis", (config, setup) -> RedisPolicy.create(clients, config, setup.binding().id().toString()));
    return clusterToo
        ? type.withPolicy("cluster", (config, setup) -> RedisPolicy.create(clients, config,
            setup.binding().id().toString()))
        : type;
  }
}
