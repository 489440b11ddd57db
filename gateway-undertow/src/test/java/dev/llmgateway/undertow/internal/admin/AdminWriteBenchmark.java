package dev.llmgateway.undertow.internal.admin;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.store.FileConfigStore;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Admin write throughput with 1,000 routes configured, fsync on, on the real disk (not part of
 * {@code mvn verify}). Measures raw fsync latency, then {@code PATCH /routes/{id}} writes/s with 1 and 8 clients
 * against the file store as shipped (change log + compaction), and, for comparison, against a store that
 * rewrites the whole snapshot on every write; each store first gets a 3 s warm-up (JIT). Run:
 * <pre>
 * mvn -B -q -pl gateway-undertow -am test-compile
 * mvn -B -q -pl gateway-undertow dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp gateway-undertow/target/test-classes:gateway-undertow/target/classes:gateway-core/target/test-classes:\
 * gateway-core/target/classes:$(cat gateway-undertow/target/cp.txt) \
 *   dev.llmgateway.undertow.internal.admin.AdminWriteBenchmark [dataDir] [secondsPerRun]
 * </pre>
 */
public final class AdminWriteBenchmark {
  private static final int ROUTES = 1000;

  private AdminWriteBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path base = Path.of(args.length > 0 ? args[0] : "target/bench-data").toAbsolutePath();
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Files.createDirectories(base);
    System.out.printf("data dir %s, %d routes, %d s per run%n", base, ROUTES, seconds);
    fsyncLatency(base);
    for (boolean rewriteEveryWrite : new boolean[] {false, true}) {
      String store = rewriteEveryWrite ? "snapshot rewrite per write" : "change log + compaction (shipped)";
      Path dir = Files.createTempDirectory(base, "run");
      try (AdminListener admin = AdminListener.start(rewriteEveryWrite ? FileConfigStore.open(dir, 0)
          : FileConfigStore.open(dir))) {
        List<String> routes = seed(admin);
        run(admin, routes, 8, Math.min(3, seconds), null);
        for (int clients : new int[] {1, 8}) {
          run(admin, routes, clients, seconds, store);
        }
      }
    }
  }

  private static void fsyncLatency(Path base) throws Exception {
    Path file = base.resolve("fsync-probe.jsonl");
    byte[] line = new byte[1024];
    Arrays.fill(line, (byte) 'x');
    long[] nanos = new long[1000];
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      for (int i = 0; i < nanos.length; i++) {
        long t = System.nanoTime();
        ch.write(ByteBuffer.wrap(line));
        ch.force(false);
        nanos[i] = System.nanoTime() - t;
      }
    }
    Files.delete(file);
    System.out.printf("fsync of a 1 KiB append: %s%n", percentiles(nanos));
  }

  private static List<String> seed(AdminListener admin) {
    List<Object> services = new ArrayList<>();
    for (int s = 0; s < 10; s++) {
      List<Object> routes = new ArrayList<>();
      for (int r = 0; r < ROUTES / 10; r++) {
        routes.add(Map.of("name", "r" + s + "-" + r, "paths", List.of("/s" + s + "/r" + r)));
      }
      services.add(Map.of("name", "s" + s, "url", "http://upstream" + s + ".test:8080", "routes", routes));
    }
    HttpResponse<String> r = admin.json("POST", "/config",
        Json.write(Map.of("_format_version", "3.0", "services", services)));
    if (r.statusCode() != 201) {
      throw new IllegalStateException(r.body());
    }
    List<String> names = new ArrayList<>();
    for (int s = 0; s < 10; s++) {
      for (int i = 0; i < ROUTES / 10; i++) {
        names.add("r" + s + "-" + i);
      }
    }
    return names;
  }

  private static void run(AdminListener admin, List<String> routes, int clients, int seconds, String store)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Future<long[]>> results = new ArrayList<>();
    long started = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      int client = c;
      results.add(pool.submit(() -> {
        Random random = new Random(client);
        long[] latencies = new long[1 << 20];
        int n = 0;
        while (System.nanoTime() < deadline && n < latencies.length) {
          String route = routes.get(random.nextInt(routes.size()));
          long t = System.nanoTime();
          HttpResponse<String> r = admin.form("PATCH", "/routes/" + route, "regex_priority=" + random.nextInt(100));
          latencies[n++] = System.nanoTime() - t;
          if (r.statusCode() != 200) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
          }
        }
        return Arrays.copyOf(latencies, n);
      }));
    }
    List<Long> all = new ArrayList<>();
    for (Future<long[]> f : results) {
      for (long l : f.get()) {
        all.add(l);
      }
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    pool.shutdown();
    long[] latencies = all.stream().mapToLong(Long::longValue).toArray();
    if (store == null) {
      return;
    }
    System.out.printf("%-34s %d client(s): %7.0f writes/s  (%d writes; latency %s)%n", store, clients,
        latencies.length / elapsed, latencies.length, percentiles(latencies));
  }

  private static String percentiles(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms", sorted[sorted.length / 2] / 1e6,
        sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
  }
}
