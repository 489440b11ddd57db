package dev.llmgateway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The jar's command line: help texts, usage errors (exit 2) and start-up failures (exit 1, one line). */
class CliIT {
  @TempDir
  Path work;

  record Result(int status, String output) {}

  Result run(Map<String, String> env, String... args) throws Exception {
    try (GatewayJarProcess p = GatewayJarProcess.run(env, work, args)) {
      int status = p.awaitExit(20);
      return new Result(status, p.output());
    }
  }

  Result run(String... args) throws Exception {
    return run(Map.of(), args);
  }

  @Test
  void rootHelpNamesTheCommandsAndTheDefault() throws Exception {
    Result r = run("--help");
    assertThat(r.status()).isZero();
    assertThat(r.output()).contains("Usage: gateway [-hV] [COMMAND]", "With no command it runs `start`",
        "start", "config", "health", "version");
  }

  @Test
  void startHelpIsWhatOptionsAloneShow() throws Exception {
    Result r = run("start", "--help");
    assertThat(r.status()).isZero();
    assertThat(r.output()).contains("Usage: gateway [start] [OPTIONS]", "--proxy-listen=ADDR[,ADDR...]",
        "Env: GATEWAY_PROXY_LISTEN, KONG_PROXY_LISTEN", "--admin-listen", "--data-dir=DIR", "--config=FILE",
        "--proxy-tls-listen", "--tls-cert=FILE", "--tls-key=FILE", "--drain-timeout=DURATION",
        "GATEWAY_ADMIN_API_KEY, KONG_ADMIN_API_KEY");
    assertThat(run("--data-dir", "x", "--help").output()).isEqualTo(r.output());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "config --help          | Usage: gateway config [-hV] [COMMAND] | validate",
      "config validate --help | Usage: gateway config validate [-hV] FILE | every error and its path",
      "config export --help   | Usage: gateway config export | declarative YAML",
      "config apply --help    | Usage: gateway config apply [-hV] [--admin-url=URL] FILE | POST /config",
      "health --help          | Usage: gateway health [-hV] [--admin-url=URL] | GET /status",
      "migrations --help      | Usage: gateway migrations | bootstrap",
      "version --help         | Usage: gateway version [-hV] | version"})
  void everySubcommandHasHelp(String args, String usage, String keyLine) throws Exception {
    Result r = run(args.split(" "));
    assertThat(r.status()).isZero();
    assertThat(r.output()).startsWith(usage).contains(keyLine);
  }

  @Test
  void versionPrintsTheProduct() throws Exception {
    Result r = run("version");
    assertThat(r.status()).isZero();
    assertThat(r.output()).startsWith("llm-gateway ").contains("java ");
  }

  @Test
  void unknownOptionIsOneLineExitTwo() throws Exception {
    Result r = run("--bogus");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.output()).isEqualTo("gateway: Unknown option: '--bogus' (see 'gateway start --help')");
  }

  @Test
  void badUpstreamUrlIsOneLineExitOne() throws Exception {
    Result r = run(Map.of("VLLM_URL", "localhost:8080"), "--data-dir", "d", "--proxy-listen", "127.0.0.1:0",
        "--admin-listen", "127.0.0.1:0");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.output()).isEqualTo("gateway: VLLM_URL: 'localhost:8080' is not a valid upstream URL: the scheme"
        + " must be http or https (expected http://host[:port][/path])");
  }

  @Test
  void portInUseNamesTheAddress() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Result r = run("--data-dir", "d", "--proxy-listen", "127.0.0.1:0", "--admin-listen",
          "127.0.0.1:" + taken.getLocalPort());
      assertThat(r.status()).isEqualTo(1);
      assertThat(r.output()).endsWith("gateway: cannot listen on 127.0.0.1:" + taken.getLocalPort()
          + ": address already in use");
      assertThat(r.output().lines().filter(l -> l.startsWith("gateway:"))).hasSize(1);
      assertThat(r.output()).doesNotContain("Exception", "\tat ");
    }
  }

  @Test
  void missingOrInvalidConfigIsOneLineExitOne() throws Exception {
    Result missing = run("--data-dir", "d", "--config", "nope.yaml", "--proxy-listen", "127.0.0.1:0",
        "--admin-listen", "127.0.0.1:0");
    assertThat(missing.status()).isEqualTo(1);
    assertThat(missing.output()).isEqualTo("gateway: cannot read config nope.yaml: no such file");
    Files.writeString(work.resolve("bad.yaml"), "_format_version: \"3.0\"\nservices:\n  - name: s\n"
        + "    url: http://127.0.0.1:9\n    routes:\n      - name: r\n        paths: [\"no-slash\"]\n");
    Result invalid = run("--data-dir", "d", "--config", "bad.yaml", "--proxy-listen", "127.0.0.1:0",
        "--admin-listen", "127.0.0.1:0");
    assertThat(invalid.status()).isEqualTo(1);
    assertThat(invalid.output().lines().filter(l -> l.startsWith("gateway:")).toList()).singleElement()
        .asString().startsWith("gateway: config bad.yaml is invalid: ").contains("services[0].routes[0].paths[0]");
  }

  @Test
  void validateReportsEveryErrorWithItsPath() throws Exception {
    Files.writeString(work.resolve("good.yaml"), "_format_version: \"3.0\"\nservices:\n  - name: s\n"
        + "    url: http://127.0.0.1:9\n    routes:\n      - name: r\n        paths: [\"/x\"]\n");
    Result good = run("config", "validate", "good.yaml");
    assertThat(good.status()).isZero();
    assertThat(good.output()).contains("good.yaml: valid");
    Files.writeString(work.resolve("bad.yaml"), "_format_version: \"3.0\"\nservices:\n  - name: s\n"
        + "    url: ftp//nope\n    routes:\n      - name: r\n        paths: [\"no-slash\"]\n");
    Result bad = run("config", "validate", "bad.yaml");
    assertThat(bad.status()).isEqualTo(1);
    assertThat(bad.output()).contains("services[0]", "services[0].routes[0].paths[0]");
  }
}
