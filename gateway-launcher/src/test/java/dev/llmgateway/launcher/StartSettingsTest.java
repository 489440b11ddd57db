package dev.llmgateway.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.balancer.BackPressure;
import dev.llmgateway.launcher.listen.ListenAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StartSettingsTest {
  static StartSettings read(Map<String, String> env, String... args) throws SettingException {
    EnvVariables variables = new EnvVariables(env);
    CommandLine cli = Cli.commandLine(variables);
    String[] full = Cli.withDefaultCommand(args, cli);
    CommandLine.ParseResult parsed = cli.parseArgs(full);
    CommandLine start = parsed.subcommand().commandSpec().commandLine();
    StartCommand command = start.getCommand();
    return new StartSettingsReader(command, new OptionSources(command.spec, new EnvDefaults(variables))).read();
  }

  @Test
  void defaultsMatchTheUsageGuidesStack() throws Exception {
    StartSettings s = read(Map.of());
    assertThat(s.proxy()).containsExactly(ListenAddress.of("::", 8000));
    assertThat(s.admin()).containsExactly(ListenAddress.of("127.0.0.1", 8001));
    assertThat(s.dataDir()).isEqualTo(Path.of("./gateway-data"));
    assertThat(s.config()).isEmpty();
    assertThat(s.vllmUrl()).isEqualTo("http://localhost:8080");
    assertThat(s.sglangUrl()).isEqualTo("http://localhost:30000");
    assertThat(s.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.accessLog().target()).isEqualTo(StartSettings.AccessLogSetting.Target.STDOUT);
  }

  @Test
  void gatewayVariablesWinOverKongAliases() throws Exception {
    StartSettings s = read(Map.of(
        "GATEWAY_PROXY_LISTEN", "127.0.0.1:9000", "KONG_PROXY_LISTEN", "127.0.0.1:9999",
        "GATEWAY_ADMIN_LISTEN", "127.0.0.1:9001", "KONG_ADMIN_LISTEN", "127.0.0.1:9998",
        "GATEWAY_CONFIG", "a.yaml", "KONG_DECLARATIVE_CONFIG", "b.yaml",
        "GATEWAY_DATA_DIR", "/tmp/d", "VLLM_URL", "http://gpu:8000", "SGLANG_URL", "https://gpu2:30000/x"));
    assertThat(s.proxy()).containsExactly(ListenAddress.of("127.0.0.1", 9000));
    assertThat(s.admin()).containsExactly(ListenAddress.of("127.0.0.1", 9001));
    assertThat(s.config()).contains(Path.of("a.yaml"));
    assertThat(s.dataDir()).isEqualTo(Path.of("/tmp/d"));
    assertThat(s.vllmUrl()).isEqualTo("http://gpu:8000");
    assertThat(s.sglangUrl()).isEqualTo("https://gpu2:30000/x");
  }

  @Test
  void kongAliasesApplyAlone() throws Exception {
    StartSettings s = read(Map.of("KONG_PROXY_LISTEN", "0.0.0.0:8000 reuseport backlog=16384",
        "KONG_ADMIN_LISTEN", "127.0.0.1:8101", "KONG_DECLARATIVE_CONFIG", "/k/kong.yml"));
    assertThat(s.proxy()).containsExactly(new ListenAddress("0.0.0.0", 8000, false, 16384));
    assertThat(s.admin()).containsExactly(ListenAddress.of("127.0.0.1", 8101));
    assertThat(s.config()).contains(Path.of("/k/kong.yml"));
  }

  @Test
  void flagsWinOverEveryVariable() throws Exception {
    StartSettings s = read(Map.of("GATEWAY_PROXY_LISTEN", "127.0.0.1:9000", "VLLM_URL", "http://env:1"),
        "--proxy-listen", "127.0.0.1:7000", "--vllm-url", "http://flag:2");
    assertThat(s.proxy()).containsExactly(ListenAddress.of("127.0.0.1", 7000));
    assertThat(s.vllmUrl()).isEqualTo("http://flag:2");
  }

  @Test
  void llmUrlsMayListReplicasThatShareSchemeAndPath() throws Exception {
    StartSettings s = read(Map.of("VLLM_URL", "http://gpu1:8000,http://gpu2:8000"));
    assertThat(s.vllmUrl()).isEqualTo("http://gpu1:8000,http://gpu2:8000");
    assertThatThrownBy(() -> read(Map.of("VLLM_URL", "http://gpu1:8000,https://gpu2:8000")))
        .hasMessageContaining("must share scheme and path");
    assertThatThrownBy(() -> read(Map.of("SGLANG_URL", "http://gpu1:30000,,http://gpu2:30000")))
        .hasMessageStartingWith("SGLANG_URL: ").hasMessageContaining("empty entry");
    assertThatThrownBy(() -> read(Map.of("VLLM_URL", "http://gpu1:8000,gpu2:8000")))
        .hasMessageContaining("the scheme must be http or https");
  }

  @Test
  void emptyVariablesCountAsUnset() throws Exception {
    StartSettings s = read(Map.of("GATEWAY_PROXY_LISTEN", "", "KONG_PROXY_LISTEN", "127.0.0.1:9999"));
    assertThat(s.proxy()).containsExactly(ListenAddress.of("127.0.0.1", 9999));
  }

  @Test
  void errorsNameTheVariableOrFlagAtFault() {
    assertThatThrownBy(() -> read(Map.of("VLLM_URL", "localhost:8080")))
        .hasMessage("VLLM_URL: 'localhost:8080' is not a valid upstream URL: the scheme must be http or https"
            + " (expected http://host[:port][/path])");
    assertThatThrownBy(() -> read(Map.of("KONG_PROXY_LISTEN", "8000")))
        .hasMessageStartingWith("KONG_PROXY_LISTEN: '8000' has no port");
    assertThatThrownBy(() -> read(Map.of("KONG_PROXY_LISTEN", "8000"), "--proxy-listen", "x"))
        .hasMessageStartingWith("--proxy-listen: 'x' has no port");
    assertThatThrownBy(() -> read(Map.of(), "--drain-timeout", "soon"))
        .hasMessage("--drain-timeout: 'soon' is not a duration (e.g. 30s, 500ms, 2m)");
  }

  @Test
  void tlsListenersNeedCertificateAndKey() throws Exception {
    assertThatThrownBy(() -> read(Map.of(), "--proxy-tls-listen", "127.0.0.1:8443"))
        .hasMessage("a TLS proxy listener needs both --tls-cert and --tls-key");
    assertThatThrownBy(() -> read(Map.of(), "--tls-cert", "c.pem", "--tls-key", "k.pem"))
        .hasMessageStartingWith("--tls-cert is set but no listener uses TLS");
    StartSettings s = read(Map.of(), "--proxy-listen", "127.0.0.1:8000", "--proxy-tls-listen",
        "127.0.0.1:8443", "--tls-cert", "c.pem", "--tls-key", "k.pem");
    assertThat(s.plainProxy()).containsExactly(ListenAddress.of("127.0.0.1", 8000));
    assertThat(s.tlsProxy()).containsExactly(ListenAddress.of("127.0.0.1", 8443).withTls());
  }

  @Test
  void adminListenerStaysPlainAndOn() {
    assertThatThrownBy(() -> read(Map.of("GATEWAY_ADMIN_LISTEN", "off")))
        .hasMessageStartingWith("GATEWAY_ADMIN_LISTEN: the admin listener cannot be off");
    assertThatThrownBy(() -> read(Map.of(), "--admin-listen", "127.0.0.1:8444 ssl"))
        .hasMessageStartingWith("--admin-listen: TLS on the admin listener is not supported");
  }

  @Test
  void durationsAndAccessLogForms() throws Exception {
    assertThat(read(Map.of(), "--drain-timeout", "500ms").drainTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(read(Map.of(), "--drain-timeout", "2m").drainTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(read(Map.of(), "--drain-timeout", "7").drainTimeout()).isEqualTo(Duration.ofSeconds(7));
    StartSettings.AccessLogSetting log = read(Map.of(), "--access-log", "/var/log/gw.log",
        "--access-log-format", "json").accessLog();
    assertThat(log.target()).isEqualTo(StartSettings.AccessLogSetting.Target.FILE);
    assertThat(log.file()).isEqualTo(Path.of("/var/log/gw.log"));
    assertThat(log.json()).isTrue();
    assertThat(read(Map.of(), "--access-log", "off").accessLog().target())
        .isEqualTo(StartSettings.AccessLogSetting.Target.OFF);
    assertThatThrownBy(() -> read(Map.of(), "--access-log-format", "xml"))
        .hasMessage("--access-log-format: 'xml' is not a log format (text or json)");
  }

  @Test
  void upstreamKeepaliveFromFlagsOrKongsVariables() throws Exception {
    assertThat(read(Map.of()).upstreamKeepalive())
        .isEqualTo(new StartSettings.UpstreamKeepalive(512, Duration.ofSeconds(4)));
    assertThat(read(Map.of("KONG_UPSTREAM_KEEPALIVE_IDLE_TIMEOUT", "60", "KONG_UPSTREAM_KEEPALIVE_POOL_SIZE", "0"))
        .upstreamKeepalive()).isEqualTo(new StartSettings.UpstreamKeepalive(0, Duration.ofSeconds(60)));
    assertThat(read(Map.of("KONG_UPSTREAM_KEEPALIVE_IDLE_TIMEOUT", "60"), "--upstream-keepalive-idle-timeout",
        "300s").upstreamKeepalive().idleTimeout()).isEqualTo(Duration.ofSeconds(300));
    assertThatThrownBy(() -> read(Map.of("GATEWAY_UPSTREAM_KEEPALIVE_POOL_SIZE", "-1")))
        .hasMessage("GATEWAY_UPSTREAM_KEEPALIVE_POOL_SIZE: '-1' is not a pool size (a whole number, 0 turns reuse"
            + " off)");
    assertThatThrownBy(() -> read(Map.of(), "--upstream-keepalive-idle-timeout", "999999999m"))
        .hasMessage("--upstream-keepalive-idle-timeout: '999999999m' is too long (at most 1440m, one day)");
    assertThatThrownBy(() -> read(Map.of(), "--upstream-keepalive-idle-timeout", "forever"))
        .hasMessage("--upstream-keepalive-idle-timeout: 'forever' is not a duration (e.g. 30s, 500ms, 2m)");
  }

  @Test
  void pluginAccessTimeoutFromTheFlagOrItsVariable() throws Exception {
    assertThat(read(Map.of()).pluginAccessTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(read(Map.of("GATEWAY_PLUGIN_ACCESS_TIMEOUT", "5s")).pluginAccessTimeout())
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(read(Map.of("GATEWAY_PLUGIN_ACCESS_TIMEOUT", "5s"), "--plugin-access-timeout", "250ms")
        .pluginAccessTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThatThrownBy(() -> read(Map.of("GATEWAY_PLUGIN_ACCESS_TIMEOUT", "0")))
        .hasMessage("GATEWAY_PLUGIN_ACCESS_TIMEOUT: '0' must be above zero (e.g. 60s)");
    assertThatThrownBy(() -> read(Map.of(), "--plugin-access-timeout", "soon"))
        .hasMessage("--plugin-access-timeout: 'soon' is not a duration (e.g. 30s, 500ms, 2m)");
  }

  @Test
  void trustedProxiesFromFlagsOrKongsVariables() throws Exception {
    StartSettings none = read(Map.of());
    assertThat(none.trustedProxies().ranges()).isEmpty();
    assertThat(none.trustedProxies().header()).isEqualTo("X-Real-IP");
    assertThat(none.trustedProxies().recursive()).isFalse();
    StartSettings kong = read(Map.of("KONG_TRUSTED_IPS", "10.0.0.0/8,::1", "KONG_REAL_IP_HEADER", "X-Forwarded-For",
        "KONG_REAL_IP_RECURSIVE", "on"));
    assertThat(kong.trustedProxies().trusts("10.1.2.3")).isTrue();
    assertThat(kong.trustedProxies().trusts("::1")).isTrue();
    assertThat(kong.trustedProxies().trusts("127.0.0.1")).isFalse();
    assertThat(kong.trustedProxies().clientIp("10.0.0.1", "1.2.3.4, 10.0.0.9")).isEqualTo("1.2.3.4");
    assertThat(read(Map.of("KONG_TRUSTED_IPS", "10.0.0.0/8"), "--trusted-ips", "127.0.0.1").trustedProxies()
        .trusts("10.0.0.1")).isFalse();
    assertThatThrownBy(() -> read(Map.of("KONG_TRUSTED_IPS", "10.0.0.0/8,lb.internal")))
        .hasMessage("KONG_TRUSTED_IPS: 'lb.internal' is not an IP address or CIDR range");
    assertThatThrownBy(() -> read(Map.of("KONG_REAL_IP_HEADER", "proxy_protocol")))
        .hasMessageStartingWith("KONG_REAL_IP_HEADER: 'proxy_protocol' needs PROXY protocol listeners");
    assertThatThrownBy(() -> read(Map.of(), "--real-ip-recursive", "yes"))
        .hasMessage("--real-ip-recursive: 'yes' is not on or off");
  }

  @Test
  void upstreamCaAndUnderscoresFromFlagsOrKongsVariables() throws Exception {
    StartSettings defaults = read(Map.of());
    assertThat(defaults.upstreamCa().system()).isTrue();
    assertThat(defaults.upstreamCa().files()).isEmpty();
    assertThat(defaults.underscoresInHeaders()).isFalse();
    StartSettings kong = read(Map.of("KONG_LUA_SSL_TRUSTED_CERTIFICATE", "system,/etc/ca/private.pem",
        "KONG_NGINX_HTTP_UNDERSCORES_IN_HEADERS", "on"));
    assertThat(kong.upstreamCa().files()).containsExactly(Path.of("/etc/ca/private.pem"));
    assertThat(kong.upstreamCa().system()).isTrue();
    assertThat(kong.underscoresInHeaders()).isTrue();
    StartSettings flag = read(Map.of(), "--upstream-trusted-ca", "ca.pem", "--underscores-in-headers", "on");
    assertThat(flag.upstreamCa().system()).isFalse();
    assertThat(flag.underscoresInHeaders()).isTrue();
    assertThatThrownBy(() -> read(Map.of("GATEWAY_UNDERSCORES_IN_HEADERS", "true")))
        .hasMessage("GATEWAY_UNDERSCORES_IN_HEADERS: 'true' is not on or off");
    assertThatThrownBy(() -> read(Map.of(), "--upstream-trusted-ca", "a.pem,,b.pem"))
        .hasMessage("--upstream-trusted-ca: empty entry (PEM file paths or system, comma-separated)");
    assertThatThrownBy(() -> Preflight.upstreamTrust(new StartSettings.UpstreamCa(
        java.util.List.of(Path.of("/nonexistent/ca.pem")), false)))
        .hasMessage("cannot read upstream CA bundle /nonexistent/ca.pem: no such file");
  }

  @Test
  void keepingIdleUpstreamConnectionsPastUvicornsFiveSecondsPrintsANote() throws Exception {
    assertThat(StartBanner.keepaliveNote(read(Map.of()))).isEmpty();
    assertThat(StartBanner.keepaliveNote(read(Map.of(), "--upstream-keepalive-idle-timeout", "60")))
        .hasValueSatisfying(note -> assertThat(note).contains("kept 60s").contains("after 5s"));
    assertThat(StartBanner.keepaliveNote(read(Map.of(), "--upstream-keepalive-idle-timeout", "60",
        "--upstream-keepalive-pool-size", "0"))).isEmpty();
  }

  @Test
  void engineBusyAnswersAreRetriedByDefaultAndConfigurableByFlagOrVariable() throws Exception {
    assertThat(read(Map.of()).backPressure()).isEqualTo(BackPressure.DEFAULT);
    BackPressure fromEnv = read(Map.of("GATEWAY_UPSTREAM_BUSY_RETRY", "off",
        "GATEWAY_UPSTREAM_BUSY_STATUSES", "429", "GATEWAY_UPSTREAM_BUSY_MAX_BENCH", "2m")).backPressure();
    assertThat(fromEnv).isEqualTo(new BackPressure(false, Set.of(429), 120));
    BackPressure fromFlags = read(Map.of("GATEWAY_UPSTREAM_BUSY_RETRY", "off"), "--upstream-busy-retry", "on",
        "--upstream-busy-statuses", "429, 503,529", "--upstream-busy-max-bench", "1500ms").backPressure();
    assertThat(fromFlags).isEqualTo(new BackPressure(true, Set.of(429, 503, 529), 2));
    assertThatThrownBy(() -> read(Map.of("GATEWAY_UPSTREAM_BUSY_RETRY", "yes")))
        .hasMessage("GATEWAY_UPSTREAM_BUSY_RETRY: 'yes' is not on or off");
    assertThatThrownBy(() -> read(Map.of(), "--upstream-busy-statuses", "429,200"))
        .hasMessage("--upstream-busy-statuses: '200' is not a status from 400 to 599 (e.g. 429,503)");
    assertThatThrownBy(() -> read(Map.of(), "--upstream-busy-statuses", "429,,503"))
        .hasMessage("--upstream-busy-statuses: '' is not a status from 400 to 599 (e.g. 429,503)");
    assertThatThrownBy(() -> read(Map.of("GATEWAY_UPSTREAM_BUSY_MAX_BENCH", "forever")))
        .hasMessage("GATEWAY_UPSTREAM_BUSY_MAX_BENCH: 'forever' is not a duration (e.g. 30s, 500ms, 2m)");
  }

  @Test
  void adminKeyComesFromEitherVariableAndNeverFromAFlag() {
    assertThat(new EnvVariables(Map.of("KONG_ADMIN_API_KEY", "k1")).adminApiKey()).contains("k1");
    assertThat(new EnvVariables(Map.of("GATEWAY_ADMIN_API_KEY", "g", "KONG_ADMIN_API_KEY", "k")).adminApiKey())
        .contains("g");
    assertThat(new EnvVariables(Map.of("GATEWAY_ADMIN_API_KEY", "")).adminApiKey()).isEmpty();
    CommandLine start = Cli.commandLine(new EnvVariables(Map.of())).getSubcommands().get("start");
    assertThat(start.getCommandSpec().options()).noneMatch(o -> o.longestName().contains("key")
        && !o.longestName().equals("--tls-key"));
  }

  @Test
  void statusListenerIsOffUntilAFlagOrKongsVariableOpensIt() throws Exception {
    assertThat(read(Map.of()).status()).isEmpty();
    assertThat(read(Map.of("KONG_STATUS_LISTEN", "127.0.0.1:8007 reuseport")).status())
        .extracting(dev.llmgateway.launcher.listen.ListenAddress::hostPort).containsExactly("127.0.0.1:8007");
    assertThat(read(Map.of("KONG_STATUS_LISTEN", "127.0.0.1:8007", "GATEWAY_STATUS_LISTEN", "127.0.0.1:9007"))
        .status()).extracting(dev.llmgateway.launcher.listen.ListenAddress::hostPort).containsExactly("127.0.0.1:9007");
    assertThat(read(Map.of("KONG_STATUS_LISTEN", "127.0.0.1:8007"), "--status-listen", "off").status()).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(Map.of("KONG_STATUS_LISTEN", "8007")))
        .hasMessageStartingWith("KONG_STATUS_LISTEN: ");
  }
}
