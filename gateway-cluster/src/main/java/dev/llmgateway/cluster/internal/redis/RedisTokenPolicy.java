package dev.llmgateway.cluster.internal.redis;

import dev.llmgateway.internal.plugins.ratelimiting.Period;
import dev.llmgateway.internal.plugins.ratelimiting.RateLimitPolicy.CounterStoreException;
import dev.llmgateway.internal.plugins.ratelimiting.Usage;
import dev.llmgateway.internal.plugins.ratelimiting.WindowLimits;
import dev.llmgateway.internal.plugins.tokenlimiting.TokenLimitingConfig;
import dev.llmgateway.internal.plugins.tokenlimiting.TokenPolicy;
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
 * ai-token-limiting's {@code redis} policy: token budgets every node shares. A reservation is one Lua script that
 * reads every window and, only when none is spent, adds the tokens to them all (a new key gets its window's
 * expiry), so the check and the add are atomic across nodes; a settlement is another that adds the difference
 * to the windows that still exist, clamped at zero, never creating a key (an expired window stays gone). The calls
 * block, so the plugin runs on a worker thread, bounded by the client's timeouts.
 */
final class RedisTokenPolicy implements TokenPolicy {
  /** KEYS: one counter per window. ARGV: the limits, then each window's time to live (ms), then the tokens. */
  static final String RESERVE = """
      local n = #KEYS
      local tokens = tonumber(ARGV[2 * n + 1])
      local counts = {}
      local spent = 0
      for i = 1, n do
        counts[i] = tonumber(redis.call('GET', KEYS[i]) or '0')
        if spent == 0 and counts[i] >= tonumber(ARGV[i]) then spent = i end
      end
      if spent == 0 then
        for i = 1, n do
          counts[i] = redis.call('INCRBY', KEYS[i], tokens)
          if counts[i] == tokens then redis.call('PEXPIRE', KEYS[i], ARGV[n + i]) end
        end
      end
      table.insert(counts, 1, spent)
      return counts
      """;
  /** KEYS: the counters of the reservation's windows. ARGV: the tokens to add (negative: give back). */
  static final String SETTLE = """
      local delta = tonumber(ARGV[1])
      for i = 1, #KEYS do
        if redis.call('EXISTS', KEYS[i]) == 1 then
          local v = redis.call('INCRBY', KEYS[i], delta)
          if v < 0 then redis.call('INCRBY', KEYS[i], -v) end
        end
      end
      return 0
      """;
  private static final String RESERVE_SHA = sha1(RESERVE);
  private static final String SETTLE_SHA = sha1(SETTLE);
  /** Token counts stay below 2^53, exact in Lua's numbers. */
  static final long MAX_TOKENS = 1L << 52;

  private final RedisClients clients;
  private final RedisClients.Target target;
  private final String keyPrefix;
  private final boolean faultTolerant;

  RedisTokenPolicy(RedisClients clients, RedisClients.Target target, String pluginId, boolean faultTolerant) {
    this.clients = clients;
    this.target = target;
    // One hash tag per plugin and identifier keeps all its windows in one slot (Redis Cluster runs the script).
    this.keyPrefix = "ai-token-limit:{" + pluginId + ":";
    this.faultTolerant = faultTolerant;
  }

  static TokenPolicy create(RedisClients clients, TokenLimitingConfig config, String pluginId) {
    RedisClients.Target target = RedisClients.Target.of(config.redis()); // the type's check requires the host
    return new RedisTokenPolicy(clients, target, pluginId, config.faultTolerant());
  }

  @Override
  public boolean blocking() {
    return true;
  }

  @Override
  public Usage reserve(String identifier, WindowLimits limits, long tokens, long nowMillis) {
    int n = limits.size();
    List<String> keys = keys(identifier, limits, nowMillis);
    List<String> args = new ArrayList<>(2 * n + 1);
    for (int i = 0; i < n; i++) {
      args.add(Double.toString(Math.min(MAX_TOKENS, limits.limit(i)))); // compared as the local policy does
    }
    for (int i = 0; i < n; i++) {
      Period p = limits.period(i);
      // A little past the window's end, so that a settlement at the very end still finds its counter.
      args.add(Long.toString(p.windowEnd(p.windowStart(nowMillis)) - nowMillis + 1000));
    }
    args.add(Long.toString(Math.max(0, Math.min(MAX_TOKENS, tokens))));
    List<?> reply = (List<?>) run(RESERVE_SHA, RESERVE, keys, args);
    int spent = ((Number) reply.get(0)).intValue();
    long[] counts = new long[n];
    for (int i = 0; i < n; i++) {
      counts[i] = Math.max(0, ((Number) reply.get(i + 1)).longValue());
    }
    return spent == 0 ? Usage.allowed(counts) : Usage.rejected(counts, spent - 1);
  }

  @Override
  public void settle(String identifier, WindowLimits limits, long reservedAtMillis, long delta) {
    if (delta == 0) {
      return;
    }
    long d = Math.max(-MAX_TOKENS, Math.min(MAX_TOKENS, delta));
    run(SETTLE_SHA, SETTLE, keys(identifier, limits, reservedAtMillis), List.of(Long.toString(d)));
  }

  private List<String> keys(String identifier, WindowLimits limits, long atMillis) {
    List<String> keys = new ArrayList<>(limits.size());
    for (int i = 0; i < limits.size(); i++) {
      Period p = limits.period(i);
      keys.add(keyPrefix + identifier + "}:" + p.field() + ":" + p.windowStart(atMillis));
    }
    return keys;
  }

  private Object run(String sha, String script, List<String> keys, List<String> args) {
    RedisClient client = clients.client(target);
    try {
      try {
        return client.evalsha(sha, keys, args);
      } catch (JedisNoScriptException e) {
        return client.eval(script, keys, args);
      }
    } catch (JedisException | ClassCastException e) {
      if (faultTolerant) {
        clients.letThrough("ai-token-limiting", target, e);
      }
      throw new CounterStoreException("Redis at " + target + ": " + e.getMessage(), e);
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
