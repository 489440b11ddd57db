package dev.llmgateway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which configuration wins at start-up, across restarts of the jar on one data dir: the built-in stack only into
 * an empty one, then the data dir; a config file replaces the stored configuration at every start; the
 * /admin-api entities are always re-asserted. Also {@code config apply}, {@code config export} and {@code health}
 * against a running node.
 */
class StartupConfigIT {
  static final String KEY = "startup-it-key-42";

  @TempDir
  Path work;
  final Http http = new Http();
  /** Every gateway a test started; stopped after it, also when an assertion failed half way. */
  final List<GatewayJarProcess> started = new java.util.ArrayList<>();

  @AfterEach
  void stopAll() throws Exception {
    for (GatewayJarProcess p : started) {
      p.close();
    }
  }

  GatewayJarProcess start(Map<String, String> env, String... more) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("--proxy-listen", "127.0.0.1:0", "--admin-listen",
        "127.0.0.1:0", "--data-dir", "data", "--access-log", "off"));
    args.addAll(List.of(more));
    Map<String, String> withKey = new java.util.HashMap<>(env);
    withKey.put("GATEWAY_ADMIN_API_KEY", KEY);
    GatewayJarProcess p = GatewayJarProcess.start(withKey, work, args.toArray(String[]::new));
    started.add(p);
    return p;
  }

  GatewayJarProcess track(GatewayJarProcess p) {
    started.add(p);
    return p;
  }

  static void stopCleanly(GatewayJarProcess gateway) throws Exception {
    gateway.terminate();
    assertThat(gateway.awaitExit(10)).isZero();
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> service(GatewayJarProcess gateway, String name) throws Exception {
    var r = http.get(gateway.admin("/services/" + name));
    return r.statusCode() == 404 ? null : Http.json(r);
  }

  @Test
  void dataDirWinsAfterTheFirstStartAndAConfigFileReplacesIt() throws Exception {
    try (FakeLlm a = new FakeLlm("a"); FakeLlm b = new FakeLlm("b")) {
      GatewayJarProcess first = start(Map.of("VLLM_URL", a.url()));
      assertThat(first.output()).contains("built-in LLM stack");
      assertThat(service(first, "vllm-service")).containsEntry("port", (long) a.stub.port());
      assertThat(http.form("POST", first.admin("/services"), List.of("name", "extra", "url", b.url()))
          .statusCode()).isEqualTo(201);
      stopCleanly(first);

      GatewayJarProcess second = start(Map.of("VLLM_URL", b.url()));
      assertThat(second.output()).contains("config stored in data");
      assertThat(service(second, "vllm-service")).containsEntry("port", (long) a.stub.port());
      assertThat(service(second, "extra")).isNotNull();
      assertThat(Http.json(http.get(second.proxy("/v1/vllm/v1/models")))).isNotNull();
      stopCleanly(second);

      Path file = work.resolve("gateway.yaml");
      Files.writeString(file, "_format_version: \"3.0\"\nservices:\n  - name: file-service\n    url: " + b.url()
          + "\n    routes:\n      - name: file-route\n        paths: [\"/v1/file\"]\n");
      GatewayJarProcess third = start(Map.of(), "--config", file.toString());
      assertThat(third.output()).contains("replaces the stored configuration");
      assertThat(service(third, "vllm-service")).isNull();
      assertThat(service(third, "extra")).isNull();
      assertThat(service(third, "file-service")).isNotNull();
      assertThat(service(third, "admin-api-service")).as("re-asserted").isNotNull();
      assertThat(Http.json(http.get(third.proxy("/v1/file/v1/models"), "x", "y"))).containsKey("data");
      assertThat(http.get(third.proxy("/admin-api/services"), "apikey", KEY).statusCode()).isEqualTo(200);
      stopCleanly(third);

      GatewayJarProcess fourth = start(Map.of());
      assertThat(service(fourth, "file-service")).as("the file's config was stored").isNotNull();
      stopCleanly(fourth);
    }
  }

  @Test
  void applyExportAndHealthAgainstARunningNode() throws Exception {
    try (FakeLlm a = new FakeLlm("a")) {
      GatewayJarProcess gateway = start(Map.of("VLLM_URL", a.url()));
      String adminUrl = gateway.admin("/").toString();
      Path file = work.resolve("apply.yaml");
      Files.writeString(file, "_format_version: \"3.0\"\nservices:\n  - name: applied\n    url: " + a.url()
          + "\n    routes:\n      - name: applied-route\n        paths: [\"/v1/applied\"]\n");

      GatewayJarProcess health = track(GatewayJarProcess.run(Map.of(), work, "health", "--admin-url", adminUrl));
      assertThat(health.awaitExit(20)).isZero();

      GatewayJarProcess apply = track(GatewayJarProcess.run(Map.of(), work, "config", "apply", file.toString(),
          "--admin-url", adminUrl));
      assertThat(apply.awaitExit(20)).as(apply.output()).isZero();
      assertThat(service(gateway, "applied")).isNotNull();
      assertThat(service(gateway, "vllm-service")).isNull();
      assertThat(service(gateway, "admin-api-service")).as("re-asserted after POST /config").isNotNull();
      assertThat(http.get(gateway.proxy("/v1/applied/v1/models")).statusCode()).isEqualTo(200);

      GatewayJarProcess export = track(GatewayJarProcess.run(Map.of(), work, "config", "export", "--admin-url",
          adminUrl));
      assertThat(export.awaitExit(20)).isZero();
      assertThat(export.output()).contains("_format_version", "applied", "/v1/applied");

      stopCleanly(gateway);
      GatewayJarProcess down = track(GatewayJarProcess.run(Map.of(), work, "health", "--admin-url", adminUrl));
      assertThat(down.awaitExit(20)).isEqualTo(1);
      assertThat(down.output()).startsWith("gateway: unhealthy: cannot connect to ");

      GatewayJarProcess offline = track(GatewayJarProcess.run(Map.of(), work, "config", "export", "--data-dir",
          "data"));
      assertThat(offline.awaitExit(20)).isZero();
      assertThat(offline.output()).contains("applied");
    }
  }
}
