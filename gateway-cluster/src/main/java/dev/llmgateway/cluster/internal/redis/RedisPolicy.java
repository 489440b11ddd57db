package dev.llmgateway.cluster.internal.redis;

import dev.llmgateway.internal.plugins.ratelimiting.Period;
import dev.llmgateway.internal.plugins.ratelimiting.RateLimitPolicy;
import dev.llmgateway.internal.plugins.ratelimiting.RateLimitingConfig;
import dev.llmgateway.internal.plugins.ratelimiting.Usage;
import dev.llmgateway.internal.plugins.ratelimiting.WindowLimits;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The {@code redis} policy: counters every node shares, in Redis. One Lua script per request reads every window
 * and, only when none is full, increments them all (setting each new key's expiry to its window's end): one round
 * trip, atomic in Redis, so limits are exact across nodes and a rejected request uses up nothing. The call
 * blocks, so the plugin runs on a worker thread ({@link #blocking()}), and the client's timeouts bound it.
 */
final class RedisPolicy implements RateLimitPolicy {
  /** KEYS: one counter per window. ARGV: the limits, then each window's time to live in milliseconds. */
  static final String SCRIPT = """
      local n = #KEYS
      local counts = {}
      local exceeded = 0
      for i = 1, n do
        counts[i] = tonumber(redis.call('GET', KEYS[i]) or '0')
        if exceeded == 0 and counts[i] + 1 > tonumber(ARGV[i]) then exceeded = i end
      end
      if exceeded == 0 then
        for i = 1, n do
          counts[i] = redis.call('INCR', KEYS[i])
          if counts[i] == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[n + i]) end
        end
      end
      table.insert(counts, 1, exceeded)
      return counts
      """;
  static final String SHA = sha1(SCRIPT);

  private final RedisClients clients;
  private final RedisClients.Target target;
  private final String keyPrefix;
  private final boolean faultTolerant;

  RedisPolicy(RedisClients clients, RedisClients.Target target, String pluginId, boolean faultTolerant) {
    this.clients = clients;
    this.target = target;
    // One hash tag per plugin and identifier keeps all its windows in one slot (Redis Cluster runs the script).
    this.keyPrefix = "ratelimit:{" + pluginId + ":";
    this.faultTolerant = faultTolerant;
  }

  static RateLimitPolicy create(RedisClients clients, RateLimitingConfig config, String pluginId) {
    RedisClients.Target target;
    try {
      target = RedisClients.Target.of(config.redis());
    } catch (RuntimeException e) {
      String reason = "the '" + config.policy() + "' rate-limiting policy needs config.redis.host in this gateway";
      return (identifier, limits, now) -> {
        throw new CounterStoreException(reason, null);
      };
    }
    return new RedisPolicy(clients, target, pluginId, config.faultTolerant());
  }

  @Override
  public boolean blocking() {
    return true;
  }

  @Override
  public Usage acquire(String identifier, WindowLimits limits, long nowMillis) {
    int n = limits.size();
    List<String> keys = new ArrayList<>(n);
    List<String> args = new ArrayList<>(2 * n);
    for (int i = 0; i < n; i++) {
      Period p = limits.period(i);
      long start = p.windowStart(nowMillis);
      keys.add(keyPrefix + identifier + "}:" + p.field() + ":" + start);
      args.add(Double.toString(limits.limit(i)));
    }
    for (int i = 0; i < n; i++) {
      Period p = limits.period(i);
      // A little past the window's end, so a counter read at the very end of its window still exists.
      args.add(Long.toString(p.windowEnd(p.windowStart(nowMillis)) - nowMillis + 1000));
    }
    List<?> reply;
    try {
      reply = (List<?>) run(clients.client(target), keys, args);
    } catch (JedisException | ClassCastException e) {
      RuntimeException cause = e;
      if (faultTolerant) {
        clients.letThrough("rate-limiting", target, cause);
      }
      throw new CounterStoreException("Redis at " + target + ": " + e.getMessage(), e);
    }
    int exceeded = ((Number) reply.get(0)).intValue();
    long[] counts = new long[n];
    for (int i = 0; i < n; i++) {
      counts[i] = ((Number) reply.get(i + 1)).longValue();
    }
    return exceeded == 0 ? Usage.allowed(counts) : Usage.rejected(counts, exceeded - 1);
  }

  private static Object run(RedisClient client, List<String> keys, List<String> args) {
    try {
      return client.evalsha(SHA, keys, args);
    } catch (JedisNoScriptException e) {
      return client.eval(SCRIPT, keys, args);
    }
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by every Java platform", e);
    }
  }
}
