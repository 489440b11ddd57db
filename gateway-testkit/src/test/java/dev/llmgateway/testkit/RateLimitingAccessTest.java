package dev.llmgateway.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.plugins.testing.MutableClock;
import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.plugins.ratelimiting.CountersProbeType;
import dev.llmgateway.internal.plugins.ratelimiting.RateLimitingType;
import dev.llmgateway.internal.plugins.ratelimiting.Usage;
import dev.llmgateway.undertow.embed.PluginScope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * rate-limiting through a real gateway, on a clock the test moves (Kong's pinned header sequence, windows rolling
 * over, every {@code limit_by}, policies, counters across config changes). Clients connect from chosen addresses
 * of the loopback range 127.0.0.0/8, which any local socket can bind, so counting by IP is counting real client
 * addresses. Moved from gateway-core's test against the hand-written TestExchange.
 */
class RateLimitingAccessTest {
  /** What the client read: status, headers (names lower-cased), body. */
  record Answer(int status, Map<String, List<String>> headers, String body) {
    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null ? null : values.get(0);
    }

    boolean proceeded() {
      return status == 200 && "ok".equals(body);
    }

    String message() {
      return (String) Json.parseObject(body).get("message");
    }
  }

  private static final String DEFAULT_IP = "127.0.0.1";

  private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T12:00:10Z"));

  @RegisterExtension
  final GatewayExtension gw = GatewayExtension.withPlugins(new RateLimitingType(clock), new CountersProbeType());

  @BeforeEach
  void routes() {
    gw.route("/v1");
    gw.route("/other");
  }

  /** rate-limiting on the service behind both routes; returns the plugin's id. */
  private String limit(Map<String, Object> config) {
    return plugin(PluginScope.service("upstream"), config);
  }

  private String plugin(PluginScope scope, Map<String, Object> config) {
    return plugin("rate-limiting", scope, config);
  }

  private String plugin(String name, PluginScope scope, Map<String, Object> config) {
    return gw.entities().apply(tx -> tx.addPlugin(name, scope, config)).uuid("id").toString();
  }

  private Answer get() throws IOException {
    return from(DEFAULT_IP, "/v1/models");
  }

  /**
   * {@code GET path} with header name/value pairs, sent from local address {@code ip} on a fresh connection
   * (raw bytes, so that the client address is the test's choice).
   */
  static Answer send(int port, String ip, String path, String... headers) throws IOException {
    StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: gw.test\r\n");
    for (int i = 0; i < headers.length; i += 2) {
      request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    try (Socket s = new Socket()) {
      s.setSoTimeout(10_000);
      s.bind(new InetSocketAddress(ip, 0));
      s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return parse(s.getInputStream().readAllBytes());
    }
  }

  private Answer from(String ip, String path, String... headers) throws IOException {
    return send(gw.uri("/").getPort(), ip, path, headers);
  }

  private static Answer parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].substring(9, 12));
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).trim());
    }
    String body = text.substring(end + 4);
    List<String> te = headers.get("transfer-encoding");
    if (te != null && te.get(0).equalsIgnoreCase("chunked")) {
      body = unchunk(body);
    }
    return new Answer(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
  }

  private static String unchunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (true) {
      int lineEnd = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
      if (size == 0) {
        return out.toString();
      }
      out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
  }

  @Test
  void kongsPinnedSequenceForSixPerMinute() throws Exception {
    limit(Map.of("minute", 6L));
    for (int expected = 5; expected >= 0; expected--) {
      Answer o = get();
      assertThat(o.proceeded()).isTrue();
      assertThat(o.header("X-RateLimit-Limit-Minute")).isEqualTo("6");
      assertThat(o.header("X-RateLimit-Remaining-Minute")).isEqualTo(Integer.toString(expected));
      assertThat(o.header("RateLimit-Limit")).isEqualTo("6");
      assertThat(o.header("RateLimit-Remaining")).isEqualTo(Integer.toString(expected));
      assertThat(o.header("RateLimit-Reset")).isEqualTo("50");
      assertThat(o.header("Retry-After")).isNull();
    }
    Answer rejected = get();
    assertThat(rejected.status()).isEqualTo(429);
    assertThat(rejected.message()).isEqualTo("API rate limit exceeded");
    assertThat(rejected.header("X-RateLimit-Remaining-Minute")).isEqualTo("0");
    assertThat(rejected.header("RateLimit-Remaining")).isEqualTo("0");
    assertThat(rejected.header("Retry-After")).isEqualTo("50");
    assertThat(gw.upstream().count()).isEqualTo(6);
  }

  @Test
  void explicitNullsForDefaultedFieldsBehaveAsUnset() throws Exception {
    Map<String, Object> config = new HashMap<>();
    config.put("minute", 2L);
    for (String f : List.of("limit_by", "policy", "error_code", "error_message")) { // the nullable ones
      config.put(f, null);
    }
    limit(config);
    assertThat(from("127.0.0.11", "/v1/models").proceeded()).isTrue();
    assertThat(from("127.0.0.11", "/v1/models").proceeded()).isTrue();
    Answer third = from("127.0.0.11", "/v1/models");
    assertThat(third.status()).isEqualTo(429);
    assertThat(third.message()).isEqualTo("API rate limit exceeded");
    assertThat(third.header("X-RateLimit-Limit-Minute")).isEqualTo("2");
    // limit_by null counts by client IP, Kong's fallback: another address has its own budget
    assertThat(from("127.0.0.12", "/v1/models").proceeded()).isTrue();
  }

  @Test
  void exactlyTheLimitPassesUnderConcurrency() throws Exception {
    limit(Map.of("minute", 100L));
    int port = gw.uri("/").getPort();
    int clients = 500;
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger passed = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    List<Thread> all = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      Thread t = new Thread(() -> {
        try {
          start.await();
          Answer o = send(port, DEFAULT_IP, "/v1/models");
          (o.proceeded() ? passed : o.status() == 429 ? rejected : failed).incrementAndGet();
        } catch (InterruptedException | IOException e) {
          failed.incrementAndGet();
        }
      });
      t.start();
      all.add(t);
    }
    start.countDown();
    for (Thread t : all) {
      t.join(20_000);
    }
    assertThat(failed.get()).isZero();
    assertThat(passed.get()).isEqualTo(100);
    assertThat(rejected.get()).isEqualTo(400);
    assertThat(gw.upstream().count()).isEqualTo(100);
  }

  @Test
  void windowRollsOverAtTheMinuteBoundary() throws Exception {
    limit(Map.of("minute", 2L));
    clock.set(Instant.parse("2024-05-01T12:00:59.900Z"));
    assertThat(get().proceeded()).isTrue();
    assertThat(get().proceeded()).isTrue();
    Answer full = get();
    assertThat(full.status()).isEqualTo(429);
    assertThat(full.header("Retry-After")).isEqualTo("1");
    clock.set(Instant.parse("2024-05-01T12:01:00.000Z"));
    Answer next = get();
    assertThat(next.proceeded()).isTrue();
    assertThat(next.header("X-RateLimit-Remaining-Minute")).isEqualTo("1");
    assertThat(next.header("RateLimit-Reset")).isEqualTo("60");
  }

  @Test
  void rejectedRequestsAreNotCounted() throws Exception {
    limit(Map.of("second", 1L, "minute", 3L));
    assertThat(get().proceeded()).isTrue();
    for (int i = 0; i < 5; i++) {
      Answer o = get();
      assertThat(o.status()).isEqualTo(429);
      assertThat(o.header("X-RateLimit-Remaining-Second")).isEqualTo("0");
      assertThat(o.header("X-RateLimit-Remaining-Minute")).isEqualTo("2");
    }
    clock.advanceMillis(1000);
    assertThat(get().header("X-RateLimit-Remaining-Minute")).isEqualTo("1");
    clock.advanceMillis(1000);
    assertThat(get().header("X-RateLimit-Remaining-Minute")).isEqualTo("0");
    clock.advanceMillis(1000);
    Answer o = get();
    assertThat(o.status()).isEqualTo(429);
    assertThat(o.header("X-RateLimit-Remaining-Second")).isEqualTo("1");
    assertThat(o.header("X-RateLimit-Remaining-Minute")).isEqualTo("0");
    assertThat(gw.upstream().count()).isEqualTo(3);
  }

  @Test
  void mostConstrainedWindowDrivesTheRateLimitHeaders() throws Exception {
    limit(Map.of("second", 5L, "minute", 6L, "hour", 100L));
    Answer o = get();
    assertThat(o.header("X-RateLimit-Limit-Second")).isEqualTo("5");
    assertThat(o.header("X-RateLimit-Remaining-Second")).isEqualTo("4");
    assertThat(o.header("X-RateLimit-Limit-Hour")).isEqualTo("100");
    assertThat(o.header("X-RateLimit-Remaining-Hour")).isEqualTo("99");
    assertThat(o.header("RateLimit-Limit")).isEqualTo("5");
    assertThat(o.header("RateLimit-Remaining")).isEqualTo("4");
    assertThat(o.header("RateLimit-Reset")).isEqualTo("1");
  }

  @Test
  void onATieTheLongerWindowWins() throws Exception {
    limit(Map.of("second", 5L, "minute", 5L));
    Answer o = get();
    assertThat(o.header("RateLimit-Remaining")).isEqualTo("4");
    assertThat(o.header("RateLimit-Reset")).isEqualTo("50");
  }

  @Test
  void monthResetUsesKongsThirtyDays() throws Exception {
    clock.set(Instant.parse("2024-05-03T00:00:00Z"));
    limit(Map.of("month", 10L));
    assertThat(get().header("RateLimit-Reset")).isEqualTo(Long.toString(30L * 86400 - 2 * 86400));
  }

  @Test
  void fractionalAndHugeLimitsPrintLikeKong() throws Exception {
    limit(Map.of("minute", 1.0e9));
    assertThat(get().header("X-RateLimit-Limit-Minute")).isEqualTo("1000000000");
    plugin(PluginScope.route("route-other"), Map.of("minute", 2.5));
    Answer fractional = from(DEFAULT_IP, "/other/models");
    assertThat(fractional.header("X-RateLimit-Limit-Minute")).isEqualTo("2.5");
  }

  @Test
  void hideClientHeaders() throws Exception {
    limit(Map.of("minute", 1L, "hide_client_headers", true));
    Answer ok = get();
    assertThat(ok.proceeded()).isTrue();
    assertThat(ok.headers().keySet()).noneMatch(RateLimitingAccessTest::isRateLimitHeader);
    Answer rejected = get();
    assertThat(rejected.status()).isEqualTo(429);
    assertThat(rejected.header("Retry-After")).isNull();
    assertThat(rejected.header("X-RateLimit-Remaining-Minute")).isNull();
    assertThat(rejected.headers().keySet()).noneMatch(RateLimitingAccessTest::isRateLimitHeader);
  }

  private static boolean isRateLimitHeader(String lowerCaseName) {
    return lowerCaseName.startsWith("x-ratelimit-") || lowerCaseName.startsWith("ratelimit-")
        || lowerCaseName.equals("retry-after");
  }

  @Test
  void errorCodeAndMessage() throws Exception {
    limit(Map.of("minute", 1L, "error_code", 503L, "error_message", "Too busy, come back later"));
    get();
    Answer o = get();
    assertThat(o.status()).isEqualTo(503);
    assertThat(o.message()).isEqualTo("Too busy, come back later");
  }

  @Test
  void limitByIpCountsEachClient() throws Exception {
    limit(Map.of("minute", 1L, "limit_by", "ip"));
    assertThat(from("127.0.0.11", "/v1").proceeded()).isTrue();
    assertThat(from("127.0.0.11", "/v1").status()).isEqualTo(429);
    assertThat(from("127.0.0.12", "/v1").proceeded()).isTrue();
  }

  @Test
  void limitByConsumerAndCredentialWithIpFallback() throws Exception {
    gw.entities().apply(tx -> {
      tx.addConsumer("alice");
      tx.addKey("alice", "a1");
      tx.addKey("alice", "a2");
      tx.addConsumer("bob");
      tx.addKey("bob", "b1");
      return tx.addPlugin("key-auth", PluginScope.service("upstream"), Map.of("anonymous", "bob"));
    });
    String rl = limit(Map.of("minute", 1L));
    assertThat(from(DEFAULT_IP, "/v1", "apikey", "a1").proceeded()).isTrue();
    assertThat(from(DEFAULT_IP, "/v1", "apikey", "a2").status()).isEqualTo(429);
    assertThat(from(DEFAULT_IP, "/v1", "apikey", "b1").proceeded()).isTrue();
    assertThat(gw.entities().delete("plugins", rl)).isTrue();
    limit(Map.of("minute", 1L, "limit_by", "credential"));
    assertThat(from(DEFAULT_IP, "/v1", "apikey", "a1").proceeded()).isTrue();
    assertThat(from(DEFAULT_IP, "/v1", "apikey", "a2").proceeded()).isTrue();
    assertThat(from(DEFAULT_IP, "/v1", "apikey", "a2").status()).isEqualTo(429);
    // The anonymous consumer has no credential: counted by IP.
    assertThat(from("127.1.1.1", "/v1").proceeded()).isTrue();
    assertThat(gw.upstream().last().header("X-Anonymous-Consumer")).isEqualTo("true");
    assertThat(from("127.1.1.1", "/v1").status()).isEqualTo(429);
    assertThat(from("127.1.1.2", "/v1").proceeded()).isTrue();
  }

  @Test
  void limitByServiceSharesOneCounterAcrossClientsAndRoutes() throws Exception {
    limit(Map.of("minute", 2L, "limit_by", "service"));
    assertThat(from("127.0.0.11", "/v1").proceeded()).isTrue();
    assertThat(from("127.0.0.12", "/other").proceeded()).isTrue();
    assertThat(from("127.0.0.13", "/v1").status()).isEqualTo(429);
  }

  @Test
  void limitByHeaderFallsBackToIp() throws Exception {
    limit(Map.of("minute", 1L, "limit_by", "header", "header_name", "x-tenant"));
    assertThat(from(DEFAULT_IP, "/v1", "X-Tenant", "t1").proceeded()).isTrue();
    assertThat(from("127.9.9.9", "/v1", "x-tenant", "t1").status()).isEqualTo(429);
    assertThat(from(DEFAULT_IP, "/v1", "x-tenant", "t2").proceeded()).isTrue();
    assertThat(from("127.0.0.7", "/v1").proceeded()).isTrue();
    assertThat(from("127.0.0.7", "/v1").status()).isEqualTo(429);
  }

  @Test
  void limitByPathCountsOnlyTheConfiguredPath() throws Exception {
    limit(Map.of("minute", 1L, "limit_by", "path", "path", "/v1/chat"));
    assertThat(from("127.0.0.11", "/v1/chat").proceeded()).isTrue();
    assertThat(from("127.0.0.12", "/v1/chat").status()).isEqualTo(429);
    assertThat(from("127.0.0.13", "/v1/models").proceeded()).isTrue();
    assertThat(from("127.0.0.14", "/v1/models").proceeded()).isTrue();
  }

  @Test
  void redisPolicyWaitsForTheClusterStoreAndFaultToleranceDecides() throws Exception {
    limit(Map.of("minute", 1L, "policy", "redis", "redis", Map.of("host", "redis.test")));
    for (int i = 0; i < 3; i++) {
      Answer o = get();
      assertThat(o.proceeded()).isTrue();
      assertThat(o.header("X-RateLimit-Limit-Minute")).isNull();
    }
    // On the other route (a route's plugin wins over the service's), without fault tolerance.
    plugin(PluginScope.route("route-other"),
        Map.of("minute", 1L, "policy", "redis", "fault_tolerant", false, "redis", Map.of("host", "redis.test")));
    Answer o = from(DEFAULT_IP, "/other/models");
    assertThat(o.status()).isEqualTo(500);
    assertThat(o.message()).isEqualTo("An unexpected error occurred");
    assertThat(gw.upstream().count()).isEqualTo(3);
  }

  @Test
  void countersSurviveConfigChanges() throws Exception {
    String id = limit(Map.of("minute", 3L));
    get();
    gw.entities().apply(tx -> tx.addConsumer("someone-new"));
    assertThat(get().header("X-RateLimit-Remaining-Minute")).isEqualTo("1");
    // The plugin itself changes (same id): the count carries on.
    gw.entities().update("plugins", id, Map.of("config", Map.of("minute", 4L, "hour", 10L)));
    Answer o = get();
    assertThat(o.header("X-RateLimit-Limit-Minute")).isEqualTo("4");
    assertThat(o.header("X-RateLimit-Remaining-Minute")).isEqualTo("1");
    assertThat(o.header("X-RateLimit-Remaining-Hour")).isEqualTo("9");
  }

  @Test
  void pastWindowsAreEvicted() throws Exception {
    String id = limit(Map.of("minute", 5L, "limit_by", "ip"));
    plugin("counters-probe", PluginScope.global(), Map.of("plugin", id));
    for (int i = 0; i < 20; i++) {
      from("127.0.0." + (10 + i), "/v1");
    }
    assertThat(gw.upstream().last().header("X-Probe-Counters")).isEqualTo("20");
    clock.advanceMillis(60_000);
    from("127.0.1.1", "/v1");
    assertThat(gw.upstream().last().header("X-Probe-Counters")).isEqualTo("1");
  }

  @Test
  void countersOfDeletedPluginsAreDropped() throws Exception {
    String gone = limit(Map.of("minute", 5L));
    plugin("counters-probe", PluginScope.global(), Map.of("plugin", gone));
    get();
    assertThat(gw.upstream().last().header("X-Probe-Counters")).isEqualTo("1");
    gw.entities().apply(tx -> {
      tx.delete("plugins", gone);
      return tx.addPlugin("rate-limiting", PluginScope.route("route-other"), Map.of("minute", 5L));
    });
    from(DEFAULT_IP, "/other/models");
    assertThat(gw.upstream().last().header("X-Probe-Counters")).isEqualTo("0");
  }

  @Test
  void consumerScopedLimitsApplyAfterKeyAuth() throws Exception {
    gw.entities().apply(tx -> {
      tx.addConsumer("alice");
      tx.addKey("alice", "alice-key");
      tx.addConsumer("bob");
      tx.addKey("bob", "bob-key");
      tx.addPlugin("key-auth", PluginScope.service("upstream"), Map.of());
      tx.addPlugin("rate-limiting", PluginScope.global(), Map.of("minute", 100L));
      tx.addPlugin("rate-limiting", PluginScope.route("route-v1"), Map.of("minute", 50L));
      tx.addPlugin("rate-limiting", PluginScope.global().consumer("alice"), Map.of("minute", 6L));
      return tx.addPlugin("rate-limiting", PluginScope.route("route-other").consumer("alice"), Map.of("minute", 3L));
    });
    assertThat(from(DEFAULT_IP, "/v1", "apikey", "alice-key").header("X-RateLimit-Limit-Minute")).isEqualTo("6");
    assertThat(from(DEFAULT_IP, "/v1", "apikey", "bob-key").header("X-RateLimit-Limit-Minute")).isEqualTo("50");
    assertThat(from(DEFAULT_IP, "/other", "apikey", "bob-key").header("X-RateLimit-Limit-Minute")).isEqualTo("100");
    assertThat(from(DEFAULT_IP, "/other", "apikey", "alice-key").header("X-RateLimit-Limit-Minute")).isEqualTo("3");
    Answer unauthenticated = from(DEFAULT_IP, "/v1");
    assertThat(unauthenticated.status()).isEqualTo(401);
    assertThat(unauthenticated.header("X-RateLimit-Limit-Minute")).isNull();
  }

  /** A gateway whose {@code redis} policy is replaced by one that always answers "limit reached". */
  @Nested
  class ReplacedPolicy {
    @RegisterExtension
    final GatewayExtension replaced = GatewayExtension.withPlugins(new RateLimitingType(clock).withPolicy("redis",
        (config, setup) -> (identifier, limits, now) -> Usage.rejected(new long[] {7}, 0)));

    @Test
    void policiesCanBeReplaced() throws Exception {
      replaced.route("/v1", "rate-limiting",
          Map.of("minute", 7L, "policy", "redis", "redis", Map.of("host", "redis.test")));
      Answer o = send(replaced.uri("/").getPort(), DEFAULT_IP, "/v1/models");
      assertThat(o.status()).isEqualTo(429);
      assertThat(o.message()).isEqualTo("API rate limit exceeded");
      assertThat(replaced.upstream().count()).isZero();
    }
  }
}
