package dev.llmgateway.launcher;

import dev.llmgateway.balancer.BackPressure;
import dev.llmgateway.launcher.listen.ListenAddress;
import dev.llmgateway.launcher.listen.ListenList;
import dev.llmgateway.net.TrustedProxies;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns {@code start}'s raw option values into {@link StartSettings}, failing on the first bad one with one line. */
final class StartSettingsReader {
  private final StartCommand options;
  private final OptionSources sources;

  StartSettingsReader(StartCommand options, OptionSources sources) {
    this.options = options;
    this.sources = sources;
  }

  StartSettings read() throws SettingException {
    List<ListenAddress> proxy = new ArrayList<>(listen("--proxy-listen", options.proxyListen));
    if (options.proxyTlsListen != null) {
      listen("--proxy-tls-listen", options.proxyTlsListen).forEach(a -> proxy.add(a.withTls()));
    }
    List<ListenAddress> admin = listen("--admin-listen", options.adminListen);
    if (admin.isEmpty()) {
      throw new SettingException(sources.nameOf("--admin-listen") + ": the admin listener cannot be off"
          + " (/status, `config apply` and the /admin-api route use it); bind it to 127.0.0.1 instead");
    }
    if (admin.stream().anyMatch(ListenAddress::tls)) {
      throw new SettingException(sources.nameOf("--admin-listen") + ": TLS on the admin listener is not supported;"
          + " keep it on 127.0.0.1 and reach it through the /admin-api route");
    }
    List<ListenAddress> status = listen("--status-listen", options.statusListen);
    if (status.stream().anyMatch(ListenAddress::tls)) {
      throw new SettingException(sources.nameOf("--status-listen") + ": TLS on the status listener is not supported");
    }
    Optional<Path> cert = path("--tls-cert", options.tlsCert);
    Optional<Path> key = path("--tls-key", options.tlsKey);
    checkTls(proxy, cert, key);
    Duration drain = value("--drain-timeout", () -> DurationText.parse(options.drainTimeout));
    boolean json = value("--access-log-format", () -> StartSettings.AccessLogSetting.parseFormat(
        options.accessLogFormat));
    return new StartSettings(proxy, admin, status, path("--data-dir", options.dataDir).orElseThrow(),
        path("--config", options.config),
        value("--vllm-url", () -> UpstreamUrl.check(options.vllmUrl)),
        value("--sglang-url", () -> UpstreamUrl.check(options.sglangUrl)),
        cert, key, drain,
        new StartSettings.UpstreamKeepalive(
            value("--upstream-keepalive-pool-size",
                () -> StartSettings.UpstreamKeepalive.parsePoolSize(options.upstreamKeepalivePoolSize)),
            value("--upstream-keepalive-idle-timeout",
                () -> DurationText.parse(options.upstreamKeepaliveIdleTimeout))),
        value("--access-log", () -> StartSettings.AccessLogSetting.parse(options.accessLog, json)),
        value("--plugin-access-timeout", () -> StartSettings.parsePluginAccessTimeout(options.pluginAccessTimeout)),
        new ClusterSettingsReader(options.database, sources, options.env()).read(false),
        new BackPressure(value("--upstream-busy-retry", () -> StartSettings.parseSwitch(options.upstreamBusyRetry)),
            value("--upstream-busy-statuses", () -> StartSettings.parseBusyStatuses(options.upstreamBusyStatuses)),
            value("--upstream-busy-max-bench", () -> StartSettings.parseMaxBench(options.upstreamBusyMaxBench))),
        trustedProxies(),
        value("--upstream-trusted-ca", () -> StartSettings.UpstreamCa.parse(options.upstreamTrustedCa)),
        value("--underscores-in-headers", () -> StartSettings.parseSwitch(options.underscoresInHeaders)));
  }

  private TrustedProxies trustedProxies() throws SettingException {
    boolean recursive = value("--real-ip-recursive", () -> StartSettings.parseSwitch(options.realIpRecursive));
    String header = options.realIpHeader;
    try {
      TrustedProxies.parse(null, header, recursive);
    } catch (IllegalArgumentException e) {
      throw new SettingException(sources.nameOf("--real-ip-header") + ": " + e.getMessage());
    }
    return value("--trusted-ips", () -> TrustedProxies.parse(options.trustedIps, header, recursive));
  }

  private void checkTls(List<ListenAddress> proxy, Optional<Path> cert, Optional<Path> key) throws SettingException {
    boolean tls = proxy.stream().anyMatch(ListenAddress::tls);
    if (tls && (cert.isEmpty() || key.isEmpty())) {
      throw new SettingException("a TLS proxy listener needs both --tls-cert and --tls-key");
    }
    if (!tls && (cert.isPresent() || key.isPresent())) {
      throw new SettingException((cert.isPresent() ? "--tls-cert" : "--tls-key")
          + " is set but no listener uses TLS; add --proxy-tls-listen, e.g. --proxy-tls-listen 0.0.0.0:8443");
    }
  }

  private List<ListenAddress> listen(String option, String value) throws SettingException {
    return value(option, () -> ListenList.parse(value));
  }

  private Optional<Path> path(String option, String value) throws SettingException {
    if (value == null) {
      return Optional.empty();
    }
    if (value.isBlank()) {
      throw new SettingException(sources.nameOf(option) + ": empty path");
    }
    try {
      return Optional.of(Path.of(value));
    } catch (InvalidPathException e) {
      throw new SettingException(sources.nameOf(option) + ": '" + value + "' is not a valid path");
    }
  }

  private <T> T value(String option, java.util.function.Supplier<T> parse) throws SettingException {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new SettingException(sources.nameOf(option) + ": " + e.getMessage());
    }
  }
}
