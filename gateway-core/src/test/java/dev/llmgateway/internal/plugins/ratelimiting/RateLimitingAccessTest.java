package dev.llmgateway.internal.plugins.ratelimiting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.plugins.keyauth.KeyAuthType;
import dev.llmgateway.internal.plugins.testing.MutableClock;
import dev.llmgateway.internal.plugins.testing.TestGateway;
import dev.llmgateway.internal.plugins.testing.TestGateway.Outcome;
import dev.llmgateway.internal.plugins.testing.TestRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RateLimitingAccessTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T12:00:10Z"));
  private TestGateway gw;

  @BeforeEach
  void setUp() {
    gw = new TestGateway(new KeyAuthType(), new RateLimitingType(clock));
    gw.service("llm", "http://127.0.0.1:9");
    gw.route("r", "/v1", "llm");
    gw.route("other", "/other", "llm");
  }

  private UUID limit(Map<String, Object> config) {
    return gw.plugin("rate-limiting", config, Map.of("service", "llm"));
  }

  private Outcome get() {
    return gw.run("r", TestRequest.get("/v1/models"));
  }

  @Test
  void kongsPinnedSequenceForSixPerMinute() {
    limit(Map.of("minute", 6L));
    for (int expected = 5; expected >= 0; expected--) {
      Outcome o = get();
      assertThat(o.proceeded()).isTrue();
      assertThat(o.header("X-RateLimit-Limit-Minute")).isEqualTo("6");
      assertThat(o.header("X-RateLimit-Remaining-Minute")).isEqualTo(Integer.toString(expected));
      assertThat(o.header("RateLimit-Limit")).isEqualTo("6");
      assertThat(o.header("RateLimit-Remaining")).isEqualTo(Integer.toString(expected));
      assertThat(o.header("RateLimit-Reset")).isEqualTo("50");
      assertThat(o.header("Retry-After")).isNull();
    }
    Outcome rejected = get();
    assertThat(rejected.status()).isEqualTo(429);
    assertThat(rejected.verdict().message()).isEqualTo("API rate limit exceeded");
    assertThat(rejected.header("X-RateLimit-Remaining-Minute")).isEqualTo("0");
    assertThat(rejected.header("RateLimit-Remaining")).isEqualTo("0");
    assertThat(rejected.header("Retry-After")).isEqualTo("50");
  }

  @Test
  void explicitNullsForDefaultedFieldsBehaveAsUnset() {
    Map<String, Object> config = new java.util.HashMap<>();
    config.put("minute", 2L);
    for (String f : List.of("limit_by", "policy", "error_code", "error_message")) { // the nullable ones
      config.put(f, null);
    }
    limit(config);
    assertThat(gw.run("r", TestRequest.get("/v1/models").clientIp("10.0.0.1")).proceeded()).isTrue();
    assertThat(gw.run("r", TestRequest.get("/v1/models").clientIp("10.0.0.1")).proceeded()).isTrue();
    Outcome third = gw.run("r", TestRequest.get("/v1/models").clientIp("10.0.0.1"));
    assertThat(third.status()).isEqualTo(429);
    assertThat(third.verdict().message()).isEqualTo("API rate limit exceeded");
    assertThat(third.header("X-RateLimit-Limit-Minute")).isEqualTo("2");
    // limit_by null counts by client IP, Kong's fallback: another address has its own budget
    assertThat(gw.run("r", TestRequest.get("/v1/models").clientIp("10.0.0.2")).proceeded()).isTrue();
  }

  @Test
  void exactlyTheLimitPassesUnderConcurrency() throws Exception {
    limit(Map.of("minute", 100L));
    gw.snapshot();
    int threads = 500;
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicInteger passed = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger rejected = new java.util.concurrent.atomic.AtomicInteger();
    List<Thread> all = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        Outcome o = get();
        (o.proceeded() ? passed : rejected).incrementAndGet();
      });
      t.start();
      all.add(t);
    }
    start.countDown();
    for (Thread t : all) {
      t.join(10_000);
    }
    assertThat(passed.get()).isEqualTo(100);
    assertThat(rejected.get()).isEqualTo(400);
  }

  @Test
  void windowRollsOverAtTheMinuteBoundary() {
    limit(Map.of("minute", 2L));
    clock.set(Instant.parse("2024-05-01T12:00:59.900Z"));
    assertThat(get().proceeded()).isTrue();
    assertThat(get().proceeded()).isTrue();
    Outcome full = get();
    assertThat(full.status()).isEqualTo(429);
    assertThat(full.header("Retry-After")).isEqualTo("1");
    clock.set(Instant.parse("2024-05-01T12:01:00.000Z"));
    Outcome next = get();
    assertThat(next.proceeded()).isTrue();
    assertThat(next.header("X-RateLimit-Remaining-Minute")).isEqualTo("1");
    assertThat(next.header("RateLimit-Reset")).isEqualTo("60");
  }

  @Test
  void rejectedRequestsAreNotCounted() {
    limit(Map.of("second", 1L, "minute", 3L));
    assertThat(get().proceeded()).isTrue();
    for (int i = 0; i < 5; i++) {
      Outcome o = get();
      assertThat(o.status()).isEqualTo(429);
      assertThat(o.header("X-RateLimit-Remaining-Second")).isEqualTo("0");
      assertThat(o.header("X-RateLimit-Remaining-Minute")).isEqualTo("2");
    }
    clock.advanceMillis(1000);
    assertThat(get().header("X-RateLimit-Remaining-Minute")).isEqualTo("1");
    clock.advanceMillis(1000);
    assertThat(get().header("X-RateLimit-Remaining-Minute")).isEqualTo("0");
    clock.advanceMillis(1000);
    Outcome o = get();
    assertThat(o.status()).isEqualTo(429);
    assertThat(o.header("X-RateLimit-Remaining-Second")).isEqualTo("1");
    assertThat(o.header("X-RateLimit-Remaining-Minute")).isEqualTo("0");
  }

  @Test
  void mostConstrainedWindowDrivesTheRateLimitHeaders() {
    limit(Map.of("second", 5L, "minute", 6L, "hour", 100L));
    Outcome o = get();
    assertThat(o.header("X-RateLimit-Limit-Second")).isEqualTo("5");
    assertThat(o.header("X-RateLimit-Remaining-Second")).isEqualTo("4");
    assertThat(o.header("X-RateLimit-Limit-Hour")).isEqualTo("100");
    assertThat(o.header("X-RateLimit-Remaining-Hour")).isEqualTo("99");
    assertThat(o.header("RateLimit-Limit")).isEqualTo("5");
    assertThat(o.header("RateLimit-Remaining")).isEqualTo("4");
    assertThat(o.header("RateLimit-Reset")).isEqualTo("1");
  }

  @Test
  void onATieTheLongerWindowWins() {
    limit(Map.of("second", 5L, "minute", 5L));
    Outcome o = get();
    assertThat(o.header("RateLimit-Remaining")).isEqualTo("4");
    assertThat(o.header("RateLimit-Reset")).isEqualTo("50");
  }

  @Test
  void monthResetUsesKongsThirtyDays() {
    clock.set(Instant.parse("2024-05-03T00:00:00Z"));
    limit(Map.of("month", 10L));
    assertThat(get().header("RateLimit-Reset")).isEqualTo(Long.toString(30L * 86400 - 2 * 86400));
  }

  @Test
  void fractionalAndHugeLimitsPrintLikeKong() {
    limit(Map.of("minute", 1.0e9));
    assertThat(get().header("X-RateLimit-Limit-Minute")).isEqualTo("1000000000");
    assertThat(RateLimitHeaders.number(2.5)).isEqualTo("2.5");
  }

  @Test
  void hideClientHeaders() {
    limit(Map.of("minute", 1L, "hide_client_headers", true));
    Outcome ok = get();
    assertThat(ok.proceeded()).isTrue();
    assertThat(ok.exchange().responseHeaders().names()).isEmpty();
    Outcome rejected = get();
    assertThat(rejected.status()).isEqualTo(429);
    assertThat(rejected.header("Retry-After")).isNull();
    assertThat(rejected.header("X-RateLimit-Remaining-Minute")).isNull();
  }

  @Test
  void errorCodeAndMessage() {
    limit(Map.of("minute", 1L, "error_code", 503L, "error_message", "Too busy, come back later"));
    get();
    Outcome o = get();
    assertThat(o.status()).isEqualTo(503);
    assertThat(o.verdict().message()).isEqualTo("Too busy, come back later");
  }

  @Test
  void limitByIpCountsEachClient() {
    limit(Map.of("minute", 1L, "limit_by", "ip"));
    assertThat(gw.run("r", TestRequest.get("/v1").clientIp("10.0.0.1")).proceeded()).isTrue();
    assertThat(gw.run("r", TestRequest.get("/v1").clientIp("10.0.0.1")).status()).isEqualTo(429);
    assertThat(gw.run("r", TestRequest.get("/v1").clientIp("10.0.0.2")).proceeded()).isTrue();
  }

  @Test
  void limitByConsumerAndCredentialWithIpFallback() {
    gw.consumer("alice");
    gw.credential("alice", "a1");
    gw.credential("alice", "a2");
    gw.consumer("bob");
    gw.credential("bob", "b1");
    gw.plugin("key-auth", Map.of("anonymous", "bob"), Map.of("service", "llm"));
    UUID rl = limit(Map.of("minute", 1L));
    assertThat(gw.run("r", TestRequest.get("/v1").header("apikey", "a1")).proceeded()).isTrue();
    assertThat(gw.run("r", TestRequest.get("/v1").header("apikey", "a2")).status()).isEqualTo(429);
    assertThat(gw.run("r", TestRequest.get("/v1").header("apikey", "b1")).proceeded()).isTrue();
    gw.remove(gw.registry().entityTypes().plugins(), rl);
    limit(Map.of("minute", 1L, "limit_by", "credential"));
    assertThat(gw.run("r", TestRequest.get("/v1").header("apikey", "a1")).proceeded()).isTrue();
    assertThat(gw.run("r", TestRequest.get("/v1").header("apikey", "a2")).proceeded()).isTrue();
    assertThat(gw.run("r", TestRequest.get("/v1").header("apikey", "a2")).status()).isEqualTo(429);
    // The anonymous consumer has no credential: counted by IP.
    assertThat(gw.run("r", TestRequest.get("/v1").clientIp("10.1.1.1")).proceeded()).isTrue();
    assertThat(gw.run("r", TestRequest.get("/v1").clientIp("10.1.1.1")).status()).isEqualTo(429);
    assertThat(gw.run("r", TestRequest.get("/v1").clientIp("10.1.1.2")).proceeded()).isTrue();
  }

  @Test
  void limitByServiceSharesOneCounterAcrossClientsAndRoutes() {
    limit(Map.of("minute", 2L, "limit_by", "service"));
    assertThat(gw.run("r", TestRequest.get("/v1").clientIp("10.0.0.1")).proceeded()).isTrue();
    assertThat(gw.run("other", TestRequest.get("/other").clientIp("10.0.0.2")).proceeded()).isTrue();
    assertThat(gw.run("r", TestRequest.get("/v1").clientIp("10.0.0.3")).status()).isEqualTo(429);
  }

  @Test
  void limitByHeaderFallsBackToIp() {
    limit(Map.of("minute", 1L, "limit_by", "header", "header_name", "x-tenant"));
    assertThat(gw.run("r", TestRequest.get("/v1").header("X-Tenant", "t1")).proceeded()).isTrue();
    assertThat(gw.run("r", TestRequest.get("/v1").header("x-tenant", "t1").clientIp("10.9.9.9")).status())
        .isEqualTo(429);
    assertThat(gw.run("r", TestRequest.get("/v1").header("x-tenant", "t2")).proceeded()).isTrue();
    assertThat(gw.run("r", TestRequest.get("/v1").clientIp("10.0.0.7")).proceeded()).isTrue();
    assertThat(gw.run("r", TestRequest.get("/v1").clientIp("10.0.0.7")).status()).isEqualTo(429);
  }

  @Test
  void limitByPathCountsOnlyTheConfiguredPath() {
    limit(Map.of("minute", 1L, "limit_by", "path", "path", "/v1/chat"));
    assertThat(gw.run("r", TestRequest.get("/v1/chat").clientIp("10.0.0.1")).proceeded()).isTrue();
    assertThat(gw.run("r", TestRequest.get("/v1/chat").clientIp("10.0.0.2")).status()).isEqualTo(429);
    assertThat(gw.run("r", TestRequest.get("/v1/models").clientIp("10.0.0.3")).proceeded()).isTrue();
    assertThat(gw.run("r", TestRequest.get("/v1/models").clientIp("10.0.0.4")).proceeded()).isTrue();
  }

  @Test
  void redisPolicyWaitsForTheClusterStoreAndFaultToleranceDecides() {
    limit(Map.of("minute", 1L, "policy", "redis", "redis", Map.of("host", "redis.test")));
    for (int i = 0; i < 3; i++) {
      Outcome o = get();
      assertThat(o.proceeded()).isTrue();
      assertThat(o.header("X-RateLimit-Limit-Minute")).isNull();
    }
    gw = new TestGateway(new RateLimitingType(clock));
    gw.service("llm", "http://127.0.0.1:9");
    gw.route("r", "/v1", "llm");
    limit(Map.of("minute", 1L, "policy", "redis", "fault_tolerant", false, "redis", Map.of("host", "redis.test")));
    Outcome o = get();
    assertThat(o.status()).isEqualTo(500);
    assertThat(o.verdict().message()).isEqualTo("An unexpected error occurred");
  }

  @Test
  void policiesCanBeReplaced() {
    gw = new TestGateway(new RateLimitingType(clock).withPolicy("redis",
        (config, setup) -> (identifier, limits, now) -> Usage.rejected(new long[] {7}, 0)));
    gw.service("llm", "http://127.0.0.1:9");
    gw.route("r", "/v1", "llm");
    limit(Map.of("minute", 7L, "policy", "redis", "redis", Map.of("host", "redis.test")));
    assertThat(get().status()).isEqualTo(429);
  }

  @Test
  void countersSurviveConfigChanges() {
    UUID id = limit(Map.of("minute", 3L));
    get();
    gw.consumer("someone-new");
    assertThat(get().header("X-RateLimit-Remaining-Minute")).isEqualTo("1");
    // The plugin itself changes (same id): the count carries on.
    gw.remove(gw.registry().entityTypes().plugins(), id);
    gw.add(gw.registry().entityTypes().plugins(), Map.of("id", id.toString(), "name", "rate-limiting",
        "service", Map.of("id", gw.id(dev.llmgateway.entity.Service.TYPE, "llm").toString()),
        "config", Map.of("minute", 4L, "hour", 10L)));
    Outcome o = get();
    assertThat(o.header("X-RateLimit-Remaining-Minute")).isEqualTo("1");
    assertThat(o.header("X-RateLimit-Remaining-Hour")).isEqualTo("9");
  }

  @Test
  void pastWindowsAreEvicted() {
    UUID id = limit(Map.of("minute", 5L, "limit_by", "ip"));
    for (int i = 0; i < 20; i++) {
      gw.run("r", TestRequest.get("/v1").clientIp("10.0.0." + i));
    }
    LocalCounters counters = gw.state().get(LocalPolicy.COUNTERS, id, LocalCounters::new);
    assertThat(counters.size()).isEqualTo(20);
    clock.advanceMillis(60_000);
    gw.run("r", TestRequest.get("/v1").clientIp("10.0.1.1"));
    assertThat(counters.size()).isEqualTo(1);
  }

  @Test
  void countersOfDeletedPluginsAreDropped() {
    UUID gone = limit(Map.of("minute", 5L));
    get();
    assertThat(gw.state().get(LocalPolicy.COUNTERS, gone, LocalCounters::new).size()).isEqualTo(1);
    gw.remove(gw.registry().entityTypes().plugins(), gone);
    gw.plugin("rate-limiting", Map.of("minute", 5L), Map.of("route", "other"));
    gw.snapshot();
    assertThat(gw.state().get(LocalPolicy.COUNTERS, gone, LocalCounters::new).size()).isZero();
  }

  @Test
  void consumerScopedLimitsApplyAfterKeyAuth() {
    gw.consumer("alice");
    gw.credential("alice", "alice-key");
    gw.consumer("bob");
    gw.credential("bob", "bob-key");
    gw.plugin("key-auth", Map.of(), Map.of("service", "llm"));
    gw.plugin("rate-limiting", Map.of("minute", 100L));
    gw.plugin("rate-limiting", Map.of("minute", 50L), Map.of("route", "r"));
    gw.plugin("rate-limiting", Map.of("minute", 6L), Map.of("consumer", "alice"));
    gw.plugin("rate-limiting", Map.of("minute", 3L), Map.of("consumer", "alice", "route", "other"));
    assertThat(gw.run("r", TestRequest.get("/v1").header("apikey", "alice-key"))
        .header("X-RateLimit-Limit-Minute")).isEqualTo("6");
    assertThat(gw.run("r", TestRequest.get("/v1").header("apikey", "bob-key"))
        .header("X-RateLimit-Limit-Minute")).isEqualTo("50");
    assertThat(gw.run("other", TestRequest.get("/other").header("apikey", "bob-key"))
        .header("X-RateLimit-Limit-Minute")).isEqualTo("100");
    assertThat(gw.run("other", TestRequest.get("/other").header("apikey", "alice-key"))
        .header("X-RateLimit-Limit-Minute")).isEqualTo("3");
    Outcome unauthenticated = gw.run("r", TestRequest.get("/v1"));
    assertThat(unauthenticated.status()).isEqualTo(401);
    assertThat(unauthenticated.header("X-RateLimit-Limit-Minute")).isNull();
  }
}
