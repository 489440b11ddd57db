package dev.llmgateway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures of the cluster note, in one run: Admin API write latency and propagation time to a second node
 * (p50/p99) with 1,000 and with 10,000 routes, and the per-request cost of rate-limiting with {@code redis} against
 * {@code local}. Opt-in ({@code -Dcluster.figures=true}): it measures, it does not guard. Writes
 * {@code target/cluster-figures.txt}.
 */
class ClusterFiguresIT {
  private static final int WRITES = 100;
  private static final int REQUESTS = 2000;

  @TempDir
  Path work;

  private final Http http = new Http(java.time.Duration.ofMinutes(3));
  private final List<String> report = new ArrayList<>();

  @Test
  void figures() throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("cluster.figures"), "figures are opt-in: -Dcluster.figures=true");
    ClusterServers servers = ClusterServers.require();
    String schema = "fig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Map<String, String> env = new HashMap<>();
    env.put("KONG_DATABASE", "postgres");
    env.put("KONG_PG_PORT", String.valueOf(servers.pgPort()));
    env.put("KONG_PG_PASSWORD", servers.pgPassword());
    env.put("KONG_PG_SCHEMA", schema);
    env.put("GATEWAY_ADMIN_API_KEY", "figures-" + UUID.randomUUID());
    List<GatewayJarProcess> nodes = new ArrayList<>();
    try (FakeLlm upstream = new FakeLlm("upstream")) {
      GatewayJarProcess migrate = GatewayJarProcess.run(env, work, "migrations", "bootstrap");
      assertThat(migrate.awaitExit(120)).as(migrate.output()).isZero();
      for (String name : List.of("a", "b")) {
        Path dir = Files.createDirectories(work.resolve(name));
        nodes.add(GatewayJarProcess.start(env, dir, 120, "--proxy-listen", "127.0.0.1:0", "--admin-listen",
            "127.0.0.1:0", "--access-log", "off", "--data-dir", dir.resolve("data").toString()));
      }
      Path single = Files.createDirectories(work.resolve("single"));
      GatewayJarProcess file = GatewayJarProcess.start(Map.of("GATEWAY_ADMIN_API_KEY", "figures"), single, 120,
          "--proxy-listen", "127.0.0.1:0", "--admin-listen", "127.0.0.1:0", "--access-log", "off", "--data-dir",
          single.resolve("data").toString());
      nodes.add(file);
      GatewayJarProcess a = nodes.get(0);
      GatewayJarProcess b = nodes.get(1);
      report.add("load average at start: " + Files.readString(Path.of("/proc/loadavg")).trim());
      for (int routes : new int[] {1000, 10_000}) {
        writesWith(routes, a, b, upstream.url());
        writesWith(routes, file, null, upstream.url());
      }
      rateLimiting(a, upstream.url(), servers.redisPort());
      report.add("load average at end: " + Files.readString(Path.of("/proc/loadavg")).trim());
    } finally {
      for (GatewayJarProcess n : nodes) {
        n.close();
      }
      try (Connection c = servers.connect("public"); Statement st = c.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
      Path out = Path.of(System.getProperty("user.dir"), "target", "cluster-figures.txt");
      Files.write(out, report, StandardCharsets.UTF_8);
      report.forEach(System.out::println);
    }
  }

  private void writesWith(int routes, GatewayJarProcess a, GatewayJarProcess b, String upstream) throws Exception {
    List<Object> routeList = new ArrayList<>();
    for (int i = 0; i < routes; i++) {
      routeList.add(Map.of("name", "r-" + i, "paths", List.of("/r-" + i)));
    }
    Map<String, Object> svc = new LinkedHashMap<>();
    svc.put("name", "svc");
    svc.put("url", upstream);
    svc.put("routes", routeList);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("_format_version", "3.0");
    doc.put("services", List.of(svc));
    long t0 = System.nanoTime();
    HttpResponse<String> load = http.postJson(a.admin("/config"), Json.write(doc));
    assertThat(load.statusCode()).as(load.body()).isIn(200, 201);
    long loaded = System.nanoTime();
    String store = b == null ? "single node, data dir (--database off)" : "cluster, PostgreSQL";
    if (b != null) {
      awaitOk(b.admin("/routes/r-" + (routes - 1)), 120_000);
    }
    report.add(String.format(Locale.ROOT, "%,d routes, %s: POST /config %d ms%s", routes, store,
        (loaded - t0) / 1_000_000, b == null ? "" : ", served by node B " + (System.nanoTime() - loaded) / 1_000_000
            + " ms later"));
    double[] latency = new double[WRITES];
    double[] propagation = new double[WRITES];
    for (int i = 0; i < WRITES; i++) {
      String name = "w-" + routes + "-" + i;
      long start = System.nanoTime();
      HttpResponse<String> w = http.form("POST", a.admin("/services/svc/routes"), List.of("name", name,
          "paths[]", "/" + name));
      long acked = System.nanoTime();
      assertThat(w.statusCode()).as(w.body()).isEqualTo(201);
      if (b != null) {
        awaitOk(b.admin("/routes/" + name), 30_000);
      }
      long seen = System.nanoTime();
      latency[i] = (acked - start) / 1e6;
      propagation[i] = (seen - acked) / 1e6;
    }
    report.add(String.format(Locale.ROOT, "%,d routes, %s: admin write latency p50 %.1f ms, p99 %.1f ms%s"
        + " (%d sequential writes)", routes, store, pct(latency, 50), pct(latency, 99), b == null ? ""
            : String.format(Locale.ROOT, "; propagation to node B p50 %.1f ms, p99 %.1f ms", pct(propagation, 50),
                pct(propagation, 99)), WRITES));
  }

  private void rateLimiting(GatewayJarProcess a, String upstream, int redisPort) throws Exception {
    HttpResponse<String> s = http.form("POST", a.admin("/services"), List.of("name", "rl", "url", upstream));
    assertThat(s.statusCode()).as(s.body()).isEqualTo(201);
    Map<String, String> paths = new LinkedHashMap<>();
    for (String policy : List.of("none", "local", "redis")) {
      HttpResponse<String> r = http.form("POST", a.admin("/services/rl/routes"), List.of("name", "rl-" + policy,
          "paths[]", "/rl-" + policy));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      if (!policy.equals("none")) {
        HttpResponse<String> p = http.form("POST", a.admin("/routes/rl-" + policy + "/plugins"), List.of("name",
            "rate-limiting", "config.minute", "1000000000", "config.policy", policy, "config.limit_by", "ip",
            "config.redis.host", "127.0.0.1", "config.redis.port", String.valueOf(redisPort)));
        assertThat(p.statusCode()).as(p.body()).isEqualTo(201);
      }
      paths.put(policy, "/rl-" + policy + "/v1/models");
    }
    Map<String, double[]> samples = new LinkedHashMap<>();
    for (int round = 0; round < 2; round++) {
      // Round 0 warms up (JIT, connections); round 1 is measured, the policies interleaved to share the noise.
      Map<String, double[]> times = new LinkedHashMap<>();
      paths.keySet().forEach(p -> times.put(p, new double[REQUESTS]));
      for (int i = 0; i < REQUESTS; i++) {
        for (Map.Entry<String, String> e : paths.entrySet()) {
          long t = System.nanoTime();
          int status = http.get(a.proxy(e.getValue())).statusCode();
          times.get(e.getKey())[i] = (System.nanoTime() - t) / 1e6;
          assertThat(status).isEqualTo(200);
        }
      }
      samples = times;
    }
    double none = pct(samples.get("none"), 50);
    for (Map.Entry<String, double[]> e : samples.entrySet()) {
      report.add(String.format(Locale.ROOT, "rate-limiting %-5s: request p50 %.3f ms, p99 %.3f ms; p50 over no"
          + " plugin %+.3f ms (%d sequential requests through one node)", e.getKey(), pct(e.getValue(), 50),
          pct(e.getValue(), 99), pct(e.getValue(), 50) - none, REQUESTS));
    }
  }

  private void awaitOk(URI uri, long millis) throws Exception {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (http.get(uri).statusCode() != 200) {
      assertThat(System.nanoTime()).as(uri + " within " + millis + " ms").isLessThan(deadline);
      Thread.sleep(1);
    }
  }

  private static double pct(double[] values, int p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
