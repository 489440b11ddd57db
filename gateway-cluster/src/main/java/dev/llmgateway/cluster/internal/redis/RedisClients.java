package dev.llmgateway.cluster.internal.redis;

import dev.llmgateway.internal.plugins.ratelimiting.RedisConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;

/**
 * The Redis connections of every rate-limiting plugin on this node, one pooled client per distinct
 * {@code config.redis} record (host, port, credentials, database, TLS, timeout), kept across config snapshots so
 * that a config change does not reconnect. Counts the requests let through because Redis failed.
 */
public final class RedisClients implements AutoCloseable {
  private static final System.Logger LOGGER = System.getLogger(RedisClients.class.getName());
  private static final long REPORT_EVERY_NANOS = Duration.ofSeconds(10).toNanos();
  /** Pool size: enough for every worker thread to have a connection (the call blocks a worker, not an IO thread). */
  private static final int MAX_CONNECTIONS = 128;

  /** The connection settings of one {@code config.redis} record. */
  record Target(String host, int port, int timeoutMillis, String username, String password, int database,
      boolean ssl) {
    static Target of(RedisConfig redis) {
      Objects.requireNonNull(redis, "redis");
      if (redis.host() == null) {
        throw new IllegalArgumentException("config.redis.host is not set");
      }
      return new Target(redis.host(), redis.port(), Math.max(1, redis.timeout()), redis.username(),
          redis.password(), redis.database(), redis.ssl());
    }

    @Override
    public String toString() {
      return "redis://" + host + ":" + port + "/" + database;
    }
  }

  private final Map<Target, RedisClient> clients = new ConcurrentHashMap<>();
  private final AtomicLong letThrough = new AtomicLong();
  private final AtomicLong lastReport = new AtomicLong(System.nanoTime() - REPORT_EVERY_NANOS);

  /** The client for {@code target}, created on first use. */
  RedisClient client(Target target) {
    return clients.computeIfAbsent(target, RedisClients::connect);
  }

  // ssl(boolean) is deprecated in Jedis 8 for SslOptions, which would also need the trust settings Kong's
  // redis record has no field for; plain JSSE defaults are what ssl=true means here.
  @SuppressWarnings("deprecation")
  private static RedisClient connect(Target t) {
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(t.timeoutMillis())
        .socketTimeoutMillis(t.timeoutMillis())
        .blockingSocketTimeoutMillis(t.timeoutMillis())
        .database(t.database())
        .ssl(t.ssl())
        .clientName("llm-gateway");
    if (t.password() != null) {
      config.user(t.username()).password(t.password());
    }
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    pool.setMaxTotal(MAX_CONNECTIONS);
    pool.setMaxIdle(MAX_CONNECTIONS);
    pool.setMinIdle(0);
    pool.setBlockWhenExhausted(true);
    pool.setMaxWait(Duration.ofMillis(t.timeoutMillis()));
    pool.setTestWhileIdle(false);
    pool.setJmxEnabled(false);
    return new RedisClient.Builder().hostAndPort(t.host(), t.port()).clientConfig(config.build())
        .poolConfig(pool).build();
  }

  /**
   * Counts a request {@code plugin} let through without limits (fault_tolerant) and says so in the log every 10 s
   * at most, naming the plugin, so a token-limit outage is not reported as rate-limiting's.
   */
  void letThrough(String plugin, Target target, RuntimeException cause) {
    long n = letThrough.incrementAndGet();
    long last = lastReport.get();
    long now = System.nanoTime();
    if (now - last >= REPORT_EVERY_NANOS && lastReport.compareAndSet(last, now)) {
      LOGGER.log(System.Logger.Level.WARNING, plugin + ": Redis at " + target + " failed ("
          + cause.getMessage() + "); " + n + " request(s) let through without limits so far (fault_tolerant)");
    }
  }

  /** How many requests were let through because Redis failed. */
  public long letThroughCount() {
    return letThrough.get();
  }

  @Override
  public void close() {
    clients.values().forEach(RedisClient::close);
    clients.clear();
  }
}
