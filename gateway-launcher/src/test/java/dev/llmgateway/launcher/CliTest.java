package dev.llmgateway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class CliTest {
  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Cli.run(args, new EnvVariables(Map.of()), new PrintWriter(out), new PrintWriter(err));
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  void optionsAloneRunStart() {
    CommandLine cli = Cli.commandLine(new EnvVariables(Map.of()));
    assertThat(Cli.withDefaultCommand(new String[0], cli)).containsExactly("start");
    assertThat(Cli.withDefaultCommand(new String[] {"--proxy-listen", "127.0.0.1:8000"}, cli))
        .containsExactly("start", "--proxy-listen", "127.0.0.1:8000");
    assertThat(Cli.withDefaultCommand(new String[] {"--help"}, cli)).containsExactly("--help");
    assertThat(Cli.withDefaultCommand(new String[] {"config", "validate", "x"}, cli))
        .containsExactly("config", "validate", "x");
  }

  @Test
  void rootHelpListsEveryCommandAndTheDefault() {
    Run r = run("--help");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("Usage: gateway [-hV] [COMMAND]", "With no command it runs `start`",
        "  start ", "  config ", "  health ", "  version ");
  }

  @Test
  void startHelpNamesEveryFlagWithItsVariables() {
    Run r = run("start", "--help");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("Usage: gateway [start] [OPTIONS]",
        "--proxy-listen=ADDR[,ADDR...]", "Env: GATEWAY_PROXY_LISTEN, KONG_PROXY_LISTEN",
        "--admin-listen=ADDR[,ADDR...]", "Env: GATEWAY_ADMIN_LISTEN, KONG_ADMIN_LISTEN",
        "--data-dir=DIR", "Env: GATEWAY_DATA_DIR", "--config=FILE", "Env: GATEWAY_CONFIG, KONG_DECLARATIVE_CONFIG",
        "--vllm-url=URL", "Env: VLLM_URL", "--sglang-url=URL", "Env: SGLANG_URL",
        "--proxy-tls-listen", "--tls-cert=FILE", "--tls-key=FILE", "--drain-timeout=DURATION", "Default: 30s",
        "GATEWAY_ADMIN_API_KEY, KONG_ADMIN_API_KEY");
    assertThat(run("--proxy-listen", "127.0.0.1:1", "--help").out()).isEqualTo(r.out());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "config              | Usage: gateway config [-hV] [COMMAND]",
      "config validate     | Usage: gateway config validate [-hV] FILE",
      "config export       | Usage: gateway config export",
      "config apply        | Usage: gateway config apply [-hV] [--admin-url=URL] FILE",
      "health              | Usage: gateway health [-hV] [--admin-url=URL] [--timeout=DURATION]",
      "version             | Usage: gateway version [-hV]"})
  void everySubcommandHasHelp(String command, String usage) {
    String[] words = (command + " --help").split(" ");
    Run r = run(words);
    assertThat(r.status()).isZero();
    assertThat(r.out()).startsWith(usage);
  }

  @Test
  void unknownOptionIsOneLineAndStatusTwo() {
    Run r = run("--bogus");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("gateway: Unknown option: '--bogus' (see 'gateway start --help')"
        + System.lineSeparator());
    Run sub = run("health", "--nope");
    assertThat(sub.status()).isEqualTo(2);
    assertThat(sub.err().lines()).containsExactly("gateway: Unknown option: '--nope' (see 'gateway health --help')");
  }

  @Test
  void unknownCommandAndMissingArgumentsAreUsageErrors() {
    Run r = run("frobnicate");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err().lines()).containsExactly("gateway: unknown command 'frobnicate' (commands: start, config,"
        + " migrations, health, version, help) (see 'gateway --help')");
    Run missing = run("config", "validate");
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err().lines()).hasSize(1).first().asString()
        .startsWith("gateway: Missing required parameter: 'FILE'");
    Run noValue = run("--proxy-listen");
    assertThat(noValue.status()).isEqualTo(2);
    assertThat(noValue.err().lines()).hasSize(1);
  }

  @Test
  void badSettingIsOneLineAndStatusOne() {
    Run r = run("--vllm-url", "ftp://x", "--data-dir", "/nonexistent-parent/\0bad");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err().lines()).hasSize(1).first().asString().startsWith("gateway: --data-dir:");
  }

  @Test
  void versionPrintsProductAndJava() {
    Run r = run("version");
    assertThat(r.status()).isZero();
    assertThat(r.out().lines().toList()).hasSize(2);
    assertThat(r.out()).startsWith("llm-gateway ").contains("java " + System.getProperty("java.version"));
    assertThat(run("--version").out()).isEqualTo(r.out());
  }

  @Test
  void healthAgainstNothingIsUnhealthy() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Run r = run("health", "--admin-url", "http://127.0.0.1:" + port);
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err().lines()).containsExactly("gateway: unhealthy: cannot connect to http://127.0.0.1:" + port
        + " (is the gateway running? see --admin-url)");
  }
}
