package dev.llmgateway.cluster.internal.redis;

import dev.llmgateway.internal.plugins.tokenlimiting.TokenLimitingType;
import java.time.Clock;

/** The ai-token-limiting plugin type with budgets in Redis for {@code policy: redis}, on the node's shared clients. */
public final class RedisTokenLimiting {
  private RedisTokenLimiting() {}

  /** The type to register in place of the discovered one. */
  public static TokenLimitingType type(RedisClients clients) {
    return type(clients, Clock.systemUTC());
  }

  /** The same on {@code clock} (which decides the windows), for tests. */
  public static TokenLimitingType type(RedisClients clients, Clock clock) {
    return new TokenLimitingType(clock).withRedisPolicy((config, setup) -> RedisTokenPolicy.create(clients, config,
        setup.binding().id().toString()));
  }
}
