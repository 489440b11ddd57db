package dev.llmgateway.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL and Redis that {@code scripts/test-servers.sh} started for the cluster tests (real servers on
 * 127.0.0.1, this user's processes), found through {@code GATEWAY_TEST_SERVERS}. Without them the tests fail when
 * {@code CI=true} and are skipped, with a message saying how to run them, otherwise.
 */
final class ClusterServers {
  private final Path dir;
  private final Map<String, String> env;

  private ClusterServers(Path dir, Map<String, String> env) {
    this.dir = dir;
    this.env = env;
  }

  static ClusterServers require() throws IOException {
    String where = System.getenv("GATEWAY_TEST_SERVERS");
    Path file = where == null ? null : Path.of(where, "env");
    if (file == null || !Files.isRegularFile(file)) {
      String message = "cluster tests need a PostgreSQL and a Redis: run `scripts/test-servers.sh DIR start` and"
          + " set GATEWAY_TEST_SERVERS=DIR (.ci/run does both)" + (where == null ? "" : "; " + file + " is missing");
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail("CI=true but " + message);
      }
      Assumptions.abort("skipped: " + message);
    }
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return new ClusterServers(Path.of(where), env);
  }

  int pgPort() {
    return Integer.parseInt(env.get("PG_PORT"));
  }

  int redisPort() {
    return Integer.parseInt(env.get("REDIS_PORT"));
  }

  String pgPassword() {
    return env.get("PG_PASSWORD");
  }

  /** A JDBC connection as the gateway's user, to check what the gateway wrote. */
  Connection connect(String schema) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "kong");
    p.setProperty("password", pgPassword());
    p.setProperty("currentSchema", schema);
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort() + "/kong", p);
  }

  void pgStop() throws Exception {
    script("pg-stop");
  }

  void pgStart() throws Exception {
    script("pg-start");
  }

  void redisStop() throws Exception {
    script("redis-stop");
  }

  void redisStart() throws Exception {
    script("redis-start");
  }

  private void script(String command) throws Exception {
    Path script = Path.of(System.getProperty("user.dir")).resolve("../scripts/test-servers.sh").normalize();
    Process p = new ProcessBuilder("bash", script.toString(), dir.toString(), command).redirectErrorStream(true)
        .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not finish within 60 s");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new AssertionError(command + " failed: " + out);
    }
  }
}
