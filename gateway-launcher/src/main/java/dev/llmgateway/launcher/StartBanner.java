package dev.llmgateway.launcher;

import dev.llmgateway.Version;
import dev.llmgateway.internal.defaults.AdminKey;
import dev.llmgateway.undertow.embed.EmbeddedGateway;
import java.io.PrintWriter;
import java.net.InetSocketAddress;

/**
 * The lines printed once the gateway is ready: how long start-up took (from JVM start), where each listener
 * is (ports as bound), where the configuration came from and where the admin key is — never the key itself.
 */
final class StartBanner {
  private static final java.time.Duration UVICORN_KEEPALIVE = java.time.Duration.ofSeconds(5);

  private final StartSettings settings;
  private final AdminKey key;

  StartBanner(StartSettings settings, AdminKey key) {
    this.settings = settings;
    this.key = key;
  }

  void print(PrintWriter out, EmbeddedGateway gateway) {
    out.println(Version.NAME + " " + Version.VERSION + " ready in " + sinceJvmStart() + " ms (pid "
        + ProcessHandle.current().pid() + ")");
    gateway.proxyAddresses().forEach(a -> out.println("  proxy  http://" + hostPort(a)));
    gateway.tlsProxyAddresses().forEach(a -> out.println("  proxy  https://" + hostPort(a)
        + "  (HTTP/2 and HTTP/1.1)"));
    gateway.adminAddresses().forEach(a -> out.println("  admin  http://" + hostPort(a)));
    gateway.statusAddresses().forEach(a -> out.println("  status http://" + hostPort(a) + " (/status, /metrics)"));
    out.println("  config " + source(gateway.configOrigin()));
    out.println("  admin key " + keySource());
    keepaliveNote(settings).ifPresent(out::println);
  }

  /**
   * A warning when idle upstream connections outlive uvicorn's keep-alive: a pooled connection the upstream has
   * already closed fails the next request sent on it, and only requests whose whole body the gateway still holds
   * are retried.
   */
  static java.util.Optional<String> keepaliveNote(StartSettings settings) {
    StartSettings.UpstreamKeepalive keepalive = settings.upstreamKeepalive();
    if (keepalive.poolSize() == 0 || keepalive.idleTimeout().compareTo(UVICORN_KEEPALIVE) < 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("  note: idle upstream connections are kept "
        + DurationText.format(keepalive.idleTimeout()) + "; vLLM and SGLang (uvicorn) close theirs after 5s, so"
        + " keep --upstream-keepalive-idle-timeout below that for them");
  }

  private String source(EmbeddedGateway.ConfigOrigin source) {
    return switch (source) {
      case CONFIG_FILE -> settings.config().orElseThrow() + " (replaces the stored configuration at every start)";
      case STORED -> "stored in " + settings.storeName();
      case INITIAL_CONFIG -> "built-in LLM stack (vllm-service -> " + settings.vllmUrl() + ", sglang-service -> "
          + settings.sglangUrl() + "), stored in " + settings.storeName();
      case EMPTY -> "empty, stored in " + settings.storeName();
    };
  }

  private String keySource() {
    return switch (key.source()) {
      case ENVIRONMENT -> "from " + AdminKey.ENV;
      case KONG_ENVIRONMENT -> "from " + AdminKey.KONG_ENV;
      case STORED, GENERATED -> "in " + key.file() + " (set " + AdminKey.ENV + " to choose one)";
    };
  }

  /** {@code HOST:PORT} as users write it: {@code [::]:8000} rather than {@code [0:0:0:0:0:0:0:0]:8000}. */
  static String hostPort(InetSocketAddress a) {
    String host = a.getHostString();
    java.net.InetAddress ip = a.getAddress();
    if (ip instanceof java.net.Inet6Address) {
      host = ip.isAnyLocalAddress() ? "::" : ip.isLoopbackAddress() ? "::1" : ip.getHostAddress();
    }
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  /** JVM uptime; the MXBean is already loaded by then (XNIO registers its own), so asking costs nothing. */
  private static long sinceJvmStart() {
    return java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
  }
}
