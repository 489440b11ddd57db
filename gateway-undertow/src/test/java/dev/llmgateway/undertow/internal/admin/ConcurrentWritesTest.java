package dev.llmgateway.undertow.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.admin.TestPlugins;
import dev.llmgateway.entity.Service;
import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.pipeline.PluginStates;
import dev.llmgateway.schema.Row;
import dev.llmgateway.internal.store.ConfigWriter;
import dev.llmgateway.internal.store.FileConfigStore;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight clients create, update and delete services at once for ten seconds against a file store with fsync on.
 * Every answer must be the success status (no 500, no lost update): the listed configuration, and the one read
 * back from disk afterwards, equal exactly what the clients' acknowledged writes add up to.
 */
class ConcurrentWritesTest {
  private static final int CLIENTS = 8;
  private static final long DURATION_NANOS = TimeUnit.SECONDS.toNanos(10);

  @TempDir
  Path dir;

  @Test
  void eightClientsForTenSecondsLoseNothing() throws Exception {
    Map<String, Long> expected = new ConcurrentHashMap<>();
    List<String> failures = new CopyOnWriteArrayList<>();
    int[] operations = new int[CLIENTS];
    try (AdminListener admin = AdminListener.start(FileConfigStore.open(dir))) {
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      long deadline = System.nanoTime() + DURATION_NANOS;
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        clients.add(pool.submit(() -> operations[client] = run(admin, client, deadline, expected, failures)));
      }
      for (Future<?> f : clients) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertThat(failures).isEmpty();
      assertThat(listed(admin)).isEqualTo(expected);
    }
    System.out.printf("concurrent admin writes: %d operations by %d clients in 10 s, %d services at the end%n",
        java.util.Arrays.stream(operations).sum(), CLIENTS, expected.size());
    for (int n : operations) {
      assertThat(n).as("every client got writes through").isGreaterThan(10);
    }
    try (ConfigWriter reopened = ConfigWriter.start(FileConfigStore.open(dir), TestPlugins.registry(),
        new PluginStates())) {
      Map<String, Long> stored = new java.util.HashMap<>();
      for (Row row : reopened.live().current().configuration().rows(Service.TYPE)) {
        stored.put(row.string("name"), row.longOrNull("retries"));
      }
      assertThat(stored).isEqualTo(expected);
    }
  }

  private static int run(AdminListener admin, int client, long deadline, Map<String, Long> expected,
      List<String> failures) {
    Random random = new Random(client);
    List<String> mine = new ArrayList<>();
    int n = 0;
    while (System.nanoTime() < deadline && failures.isEmpty()) {
      n++;
      if (n % 5 == 0 && !mine.isEmpty()) {
        String name = mine.remove(random.nextInt(mine.size()));
        check(admin.delete("/services/" + name), 204, failures);
        expected.remove(name);
      } else if (n % 3 == 0 && !mine.isEmpty()) {
        String name = mine.get(random.nextInt(mine.size()));
        long retries = random.nextInt(100);
        check(admin.form("PATCH", "/services/" + name, "retries=" + retries), 200, failures);
        expected.put(name, retries);
      } else {
        String name = "c" + client + "-" + n;
        long retries = n % 10;
        check(admin.form("POST", "/services", "name=" + name + "&host=" + name + ".test&retries=" + retries), 201,
            failures);
        mine.add(name);
        expected.put(name, retries);
      }
    }
    return n;
  }

  private static void check(HttpResponse<String> r, int status, List<String> failures) {
    if (r.statusCode() != status) {
      failures.add(r.statusCode() + " " + r.body());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Long> listed(AdminListener admin) {
    Map<String, Long> out = new java.util.HashMap<>();
    String next = "/services?size=1000";
    while (next != null) {
      Map<String, Object> page = Json.parseObject(admin.get(next).body());
      for (Map<String, Object> s : (List<Map<String, Object>>) page.get("data")) {
        out.put((String) s.get("name"), (Long) s.get("retries"));
      }
      next = (String) page.get("next");
    }
    return out;
  }
}
