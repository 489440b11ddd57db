package dev.llmgateway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode end to end: three gateway JVMs ({@code java -jar gateway.jar}) on one real PostgreSQL and one real
 * Redis (see {@link ClusterServers}). The tests run in order on the same nodes, to keep JVM starts few.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  private static final String KEY = "cluster-it-" + UUID.randomUUID();
  private static final int START_SECONDS = 90;

  @TempDir
  Path work;

  private ClusterServers servers;
  private String schema;
  private final Http http = new Http();
  private FakeLlm upstream;
  private final List<GatewayJarProcess> nodes = new ArrayList<>();
  private final ExecutorService pool = Executors.newFixedThreadPool(32);

  @BeforeAll
  void servers() throws Exception {
    servers = ClusterServers.require();
    schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    upstream = new FakeLlm("upstream");
  }

  @AfterAll
  void stop() throws Exception {
    pool.shutdownNow();
    for (GatewayJarProcess n : nodes) {
      n.close();
    }
    if (upstream != null) {
      upstream.close();
    }
    if (servers != null) {
      try (Connection c = servers.connect("public"); Statement st = c.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  private Map<String, String> env(String forSchema) {
    Map<String, String> env = new HashMap<>();
    env.put("KONG_DATABASE", "postgres");
    env.put("KONG_PG_HOST", "127.0.0.1");
    env.put("KONG_PG_PORT", String.valueOf(servers.pgPort()));
    env.put("KONG_PG_PASSWORD", servers.pgPassword());
    env.put("KONG_PG_SCHEMA", forSchema);
    env.put("KONG_PG_TIMEOUT", "5000");
    env.put("GATEWAY_ADMIN_API_KEY", KEY);
    return env;
  }

  private GatewayJarProcess node(String name) throws Exception {
    Path dir = Files.createDirectories(work.resolve(name));
    GatewayJarProcess p = GatewayJarProcess.start(env(schema), dir, START_SECONDS, "--proxy-listen",
        "127.0.0.1:0", "--admin-listen", "127.0.0.1:0", "--access-log", "off", "--data-dir", dir.resolve("data")
            .toString());
    nodes.add(p);
    return p;
  }

  @Test
  @Order(1)
  void migrationsTwiceInParallelLeaveOneSchemaAndStartRefusesAnUnpreparedDatabase() throws Exception {
    GatewayJarProcess first = GatewayJarProcess.run(env(schema), work, "migrations", "bootstrap");
    GatewayJarProcess second = GatewayJarProcess.run(env(schema), work, "migrations", "bootstrap");
    GatewayJarProcess unprepared = GatewayJarProcess.run(env(schema + "_none"), work, "--proxy-listen",
        "127.0.0.1:0", "--admin-listen", "127.0.0.1:0", "--data-dir", work.resolve("none").toString());
    assertThat(first.awaitExit(START_SECONDS)).as(first.output()).isZero();
    assertThat(second.awaitExit(START_SECONDS)).as(second.output()).isZero();
    assertThat(List.of(first.output(), second.output()))
        .filteredOn(o -> o.contains("Bootstrapping database")).hasSize(1);
    assertThat(List.of(first.output(), second.output()))
        .filteredOn(o -> o.contains("Database already bootstrapped")).hasSize(1);
    try (Connection c = servers.connect(schema); Statement st = c.createStatement()) {
      ResultSet rs = st.executeQuery("SELECT count(*) FROM gateway_schema_meta");
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(2);
      rs = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema + "'");
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(6);
    }
    assertThat(unprepared.awaitExit(START_SECONDS)).isEqualTo(1);
    assertThat(unprepared.output()).contains("is not bootstrapped; run 'gateway migrations bootstrap'")
        .doesNotContain(servers.pgPassword()).doesNotContain("Exception");
    GatewayJarProcess list = GatewayJarProcess.run(env(schema), work, "migrations", "list");
    assertThat(list.awaitExit(START_SECONDS)).as(list.output()).isZero();
    assertThat(list.output()).contains("Executed migrations: 000_base, 001_integrity", "Database is up-to-date");
  }

  @Test
  @Order(2)
  void aWriteOnOneNodeIsServedByAnotherWithinOneSecond() throws Exception {
    Future<GatewayJarProcess> startA = pool.submit(() -> node("a"));
    Future<GatewayJarProcess> startB = pool.submit(() -> node("b"));
    GatewayJarProcess a = startA.get();
    GatewayJarProcess b = startB.get();
    awaitSameHash(a, b);
    createServiceAndRoute(a, "svc-a", "/a");
    long acked = System.nanoTime();
    awaitStatus(b.proxy("/a/v1/models"), 200, 1000);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - acked);
    assertThat(millis).as("propagation to node B").isLessThan(1000);
    awaitSameHash(a, b);
  }

  @Test
  @Order(3)
  void aNodeStartedLaterLoadsTheWholeConfigurationAndFollowsChanges() throws Exception {
    GatewayJarProcess c = node("c");
    GatewayJarProcess a = nodes.get(0);
    assertThat(http.get(c.proxy("/a/v1/models")).statusCode()).isEqualTo(200);
    assertThat(hash(c)).isEqualTo(hash(a));
    createServiceAndRoute(nodes.get(1), "svc-b", "/b");
    long acked = System.nanoTime();
    awaitStatus(c.proxy("/b/v1/models"), 200, 1000);
    awaitStatus(a.proxy("/b/v1/models"), 200, 1000);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - acked)).isLessThan(1000);
  }

  @Test
  @Order(4)
  void concurrentWritesOnAllThreeNodesKeepUniqueness() throws Exception {
    int names = 15;
    List<Future<int[]>> results = new ArrayList<>();
    for (int i = 0; i < names; i++) {
      for (GatewayJarProcess n : nodes) {
        String username = "user-" + i;
        results.add(pool.submit(() -> {
          HttpResponse<String> r = http.form("POST", n.admin("/consumers"), List.of("username", username));
          return new int[] {Integer.parseInt(username.substring(5)), r.statusCode(),
              r.statusCode() == 409 && r.body().contains("\"code\":5") ? 1 : 0};
        }));
      }
    }
    int[] created = new int[names];
    int[] conflicts = new int[names];
    for (Future<int[]> f : results) {
      int[] r = f.get(60, TimeUnit.SECONDS);
      if (r[1] == 201) {
        created[r[0]]++;
      } else {
        assertThat(r[1]).isEqualTo(409);
        assertThat(r[2]).as("Kong's unique violation body").isEqualTo(1);
        conflicts[r[0]]++;
      }
    }
    for (int i = 0; i < names; i++) {
      assertThat(created[i]).as("user-" + i + " created once").isEqualTo(1);
      assertThat(conflicts[i]).isEqualTo(2);
    }
    awaitSameHash(nodes.toArray(GatewayJarProcess[]::new));
    try (Connection c = servers.connect(schema); Statement st = c.createStatement()) {
      ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT row->>'username') FROM gateway_entities"
          + " WHERE entity_type = 'consumers' AND row->>'username' LIKE 'user-%'");
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(names);
      assertThat(rs.getInt(2)).isEqualTo(names);
    }
  }

  @Test
  @Order(5)
  void aRedisLimitOfOneHundredAMinuteLetsExactlyOneHundredThroughAcrossThreeNodes() throws Exception {
    GatewayJarProcess a = nodes.get(0);
    createServiceAndRoute(a, "svc-rl", "/rl");
    addRateLimit(a, "svc-rl", 100, true);
    createServiceAndRoute(a, "svc-ft", "/ft");
    addRateLimit(a, "svc-ft", 2, true);
    createServiceAndRoute(a, "svc-nft", "/nft");
    addRateLimit(a, "svc-nft", 1000, false);
    awaitSameHash(nodes.toArray(GatewayJarProcess[]::new));
    // Each node's first Redis call connects (and a cold JVM loads the client): done on another route.
    for (GatewayJarProcess n : nodes) {
      assertThat(http.get(n.proxy("/nft/v1/models")).statusCode()).isEqualTo(200);
    }
    // All 150 requests must fall in one minute window.
    long intoMinute = System.currentTimeMillis() % 60_000;
    if (intoMinute > 40_000) {
      Thread.sleep(60_500 - intoMinute);
    }
    List<Future<Integer>> statuses = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      GatewayJarProcess n = nodes.get(i % 3);
      statuses.add(pool.submit(() -> http.get(n.proxy("/rl/v1/models")).statusCode()));
    }
    Map<Integer, Integer> counts = new HashMap<>();
    for (Future<Integer> f : statuses) {
      counts.merge(f.get(60, TimeUnit.SECONDS), 1, Integer::sum);
    }
    assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(200, 100, 429, 50));
  }

  @Test
  @Order(6)
  void redisDownFollowsFaultTolerant() throws Exception {
    GatewayJarProcess a = nodes.get(0);
    servers.redisStop();
    try {
      for (GatewayJarProcess n : nodes) {
        for (int i = 0; i < 3; i++) {
          HttpResponse<String> ok = http.get(n.proxy("/ft/v1/models"));
          assertThat(ok.statusCode()).as("fault_tolerant=true lets requests through").isEqualTo(200);
          assertThat(ok.headers().firstValue("X-RateLimit-Limit-Minute")).isEmpty();
        }
        HttpResponse<String> refused = http.get(n.proxy("/nft/v1/models"));
        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.body()).contains("An unexpected error occurred");
      }
    } finally {
      servers.redisStart();
    }
    awaitStatus(a.proxy("/nft/v1/models"), 200, 10_000);
  }

  @Test
  @Order(7)
  void postgresDownKeepsTrafficFlowingWritesFailCleanlyAndItHealsByItself() throws Exception {
    GatewayJarProcess a = nodes.get(0);
    GatewayJarProcess b = nodes.get(1);
    // A client writing all along: every write acknowledged must survive the database being killed.
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger refused = new AtomicInteger();
    Future<?> writer = pool.submit(() -> {
      for (int i = 0; writing.get(); i++) {
        String name = "durable-" + i;
        try {
          HttpResponse<String> r = http.form("POST", a.admin("/consumers"), List.of("username", name));
          if (r.statusCode() == 201) {
            acknowledged.add(name);
          } else {
            refused.incrementAndGet();
          }
        } catch (Exception e) {
          refused.incrementAndGet();
        }
      }
      return null;
    });
    awaitTrue(() -> acknowledged.size() >= 3, 20_000, "writes before the outage");
    servers.pgStop();
    try {
      for (GatewayJarProcess n : nodes) {
        assertThat(http.get(n.proxy("/a/v1/models")).statusCode()).isEqualTo(200);
      }
      for (GatewayJarProcess n : nodes) {
        awaitTrue(() -> !reachable(n), 10_000, "database.reachable false");
      }
      HttpResponse<String> write = http.form("POST", b.admin("/services"), List.of("name", "during-outage",
          "url", upstream.url()));
      assertThat(write.statusCode()).isEqualTo(503);
      assertThat(Http.json(write).get("message").toString()).contains("configuration database",
          "the change was not applied");
      assertThat(write.body()).doesNotContain(servers.pgPassword());
      for (GatewayJarProcess n : nodes) {
        assertThat(http.get(n.proxy("/b/v1/models")).statusCode()).isEqualTo(200);
      }
    } finally {
      servers.pgStart();
    }
    for (GatewayJarProcess n : nodes) {
      awaitTrue(() -> reachable(n), 20_000, "database.reachable true again");
    }
    awaitTrue(() -> refused.get() > 0, 1, "some writes were refused during the outage");
    createServiceAndRoute(b, "svc-after", "/after");
    awaitStatus(a.proxy("/after/v1/models"), 200, 1000);
    writing.set(false);
    writer.get(30, TimeUnit.SECONDS);
    awaitSameHash(nodes.toArray(GatewayJarProcess[]::new));
    for (String name : acknowledged) {
      assertThat(http.get(b.admin("/consumers/" + name)).statusCode()).as(name + " acknowledged, then lost")
          .isEqualTo(200);
    }
    for (GatewayJarProcess n : nodes) {
      assertThat(n.output()).doesNotContain(servers.pgPassword()).doesNotContain(KEY);
    }
  }

  private void createServiceAndRoute(GatewayJarProcess n, String service, String path) throws Exception {
    HttpResponse<String> s = http.form("POST", n.admin("/services"), List.of("name", service, "url",
        upstream.url()));
    assertThat(s.statusCode()).as(s.body()).isEqualTo(201);
    HttpResponse<String> r = http.form("POST", n.admin("/services/" + service + "/routes"), List.of("name",
        service + "-route", "paths[]", path, "strip_path", "true"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  private void addRateLimit(GatewayJarProcess n, String service, int perMinute, boolean faultTolerant)
      throws Exception {
    HttpResponse<String> p = http.form("POST", n.admin("/services/" + service + "/plugins"), List.of(
        "name", "rate-limiting", "config.minute", String.valueOf(perMinute), "config.policy", "redis",
        "config.limit_by", "ip", "config.fault_tolerant", String.valueOf(faultTolerant),
        "config.redis.host", "127.0.0.1", "config.redis.port", String.valueOf(servers.redisPort()),
        "config.redis.timeout", "1000"));
    assertThat(p.statusCode()).as(p.body()).isEqualTo(201);
  }

  private String hash(GatewayJarProcess n) throws Exception {
    return (String) Http.json(http.get(n.admin("/status"))).get("configuration_hash");
  }

  @SuppressWarnings("unchecked")
  private boolean reachable(GatewayJarProcess n) {
    try {
      Map<String, Object> db = (Map<String, Object>) Http.json(http.get(n.admin("/status"))).get("database");
      return Boolean.TRUE.equals(db.get("reachable"));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private void awaitSameHash(GatewayJarProcess... all) throws Exception {
    try {
      awaitSameHashOnly(all);
    } catch (AssertionError e) {
      StringBuilder why = new StringBuilder(e.getMessage());
      for (GatewayJarProcess n : all) {
        String out = n.output();
        why.append("\n-- node status: ").append(http.get(n.admin("/status")).body())
            .append("\n-- its output's end:\n").append(out.substring(Math.max(0, out.length() - 3000)));
      }
      throw new AssertionError(why.toString(), e);
    }
  }

  private void awaitSameHashOnly(GatewayJarProcess... all) throws Exception {
    awaitTrue(() -> {
      try {
        String first = hash(all[0]);
        for (GatewayJarProcess n : all) {
          if (!first.equals(hash(n))) {
            return false;
          }
        }
        return true;
      } catch (Exception e) {
        return false;
      }
    }, 10_000, "all nodes report the same configuration_hash");
  }

  private void awaitStatus(URI uri, int status, long millis) throws Exception {
    awaitTrue(() -> {
      try {
        return http.get(uri).statusCode() == status;
      } catch (Exception e) {
        return false;
      }
    }, millis, uri + " answering " + status);
  }

  private static void awaitTrue(BooleanSupplier condition, long millis, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + millis + " ms: " + what);
      }
      Thread.sleep(10);
    }
  }
}
