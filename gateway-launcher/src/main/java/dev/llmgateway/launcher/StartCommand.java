package dev.llmgateway.launcher;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gateway start}, also what the jar runs with no command: starts the proxy and Admin API listeners and runs
 * until SIGTERM or SIGINT, then drains. Every option can also come from an environment variable (listed in help).
 */
@Command(name = "start", mixinStandardHelpOptions = true, sortOptions = false,
    customSynopsis = "gateway [start] [OPTIONS]",
    description = {"Start the gateway (the default command: `java -jar gateway.jar [OPTIONS]` runs this).",
        "With no --config and an empty data dir it serves the LLM stack: /v1/vllm -> VLLM_URL, "
            + "/v1/sglang -> SGLANG_URL, /admin-api -> the Admin API behind key-auth.",
        "A flag wins over its environment variable, which wins over the default."},
    footer = {"", "Environment:",
        "  GATEWAY_ADMIN_API_KEY, KONG_ADMIN_API_KEY",
        "      Key of the 'admin' consumer that opens /admin-api on the proxy. When unset, a key is generated",
        "      on first start and kept in DATA_DIR/admin-api-key (owner-only); the log says where, never the key.",
        "      With --database postgres it must be set, to the same key on every node.",
        "  GATEWAY_PG_PASSWORD, KONG_PG_PASSWORD",
        "      The PostgreSQL password (or --pg-password-file); never a flag, so that ps cannot show it.",
        "", "Exit status: 0 after a clean stop or drain, 1 when a setting or a listener fails at start,"
            + " 2 on a usage error."})
final class StartCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--proxy-listen", paramLabel = "ADDR[,ADDR...]", defaultValue = "[::]:8000",
      description = {"Proxy listen addresses: HOST:PORT or [IPV6]:PORT, comma-separated; Kong's flags are"
          + " accepted and 'ssl' makes an address TLS.",
          "Default: [::]:8000, IPv4 and IPv6 (0.0.0.0:8000 where IPv6 is off).",
          "Env: GATEWAY_PROXY_LISTEN, KONG_PROXY_LISTEN"})
  String proxyListen;

  @Option(names = "--proxy-tls-listen", paramLabel = "ADDR[,ADDR...]",
      description = "TLS proxy listen addresses (HTTP/2 and HTTP/1.1 by ALPN); needs --tls-cert and --tls-key.")
  String proxyTlsListen;

  @Option(names = "--tls-cert", paramLabel = "FILE",
      description = "PEM certificate chain for TLS listeners, leaf first.")
  String tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE",
      description = "PEM private key for --tls-cert: PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted.")
  String tlsKey;

  @Option(names = "--admin-listen", paramLabel = "ADDR[,ADDR...]", defaultValue = "127.0.0.1:8001",
      description = {"Admin API listen addresses (plain HTTP).", "Default: 127.0.0.1:8001.",
          "Env: GATEWAY_ADMIN_LISTEN, KONG_ADMIN_LISTEN"})
  String adminListen;

  @Option(names = "--status-listen", paramLabel = "ADDR[,ADDR...]|off", defaultValue = "off",
      description = {"Status API listen addresses (plain HTTP): only GET /status and GET /metrics, for monitoring"
          + " that must not reach the Admin API.", "Default: off.", "Env: GATEWAY_STATUS_LISTEN, KONG_STATUS_LISTEN"})
  String statusListen;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./gateway-data",
      description = {"Where the configuration is stored.", "Default: ./gateway-data", "Env: GATEWAY_DATA_DIR"})
  String dataDir;

  @Option(names = "--config", paramLabel = "FILE",
      description = {"Declarative config (Kong format, YAML or JSON) that replaces the stored configuration at"
          + " every start.", "Env: GATEWAY_CONFIG, KONG_DECLARATIVE_CONFIG"})
  String config;

  @Option(names = "--vllm-url", paramLabel = "URL", defaultValue = "http://localhost:8080",
      description = {"vllm-service's upstream in the default stack.", "Default: http://localhost:8080",
          "Env: VLLM_URL"})
  String vllmUrl;

  @Option(names = "--sglang-url", paramLabel = "URL", defaultValue = "http://localhost:30000",
      description = {"sglang-service's upstream in the default stack.", "Default: http://localhost:30000",
          "Env: SGLANG_URL"})
  String sglangUrl;

  @Option(names = "--drain-timeout", paramLabel = "DURATION", defaultValue = "30s",
      description = {"On SIGTERM or SIGINT, how long open requests and streams may take to finish"
          + " (e.g. 30s, 500ms).", "Default: 30s"})
  String drainTimeout;

  @Option(names = "--upstream-keepalive-idle-timeout", paramLabel = "DURATION", defaultValue = "4s",
      description = {"How long an idle upstream connection is kept for reuse; keep it below the upstream's own"
          + " keep-alive timeout (uvicorn, under vLLM and SGLang: 5s).", "Default: 4s",
          "Env: GATEWAY_UPSTREAM_KEEPALIVE_IDLE_TIMEOUT, KONG_UPSTREAM_KEEPALIVE_IDLE_TIMEOUT (seconds)"})
  String upstreamKeepaliveIdleTimeout;

  @Option(names = "--upstream-keepalive-pool-size", paramLabel = "N", defaultValue = "512",
      description = {"Idle upstream connections kept per upstream address and IO thread; 0 turns reuse off.",
          "Default: 512", "Env: GATEWAY_UPSTREAM_KEEPALIVE_POOL_SIZE, KONG_UPSTREAM_KEEPALIVE_POOL_SIZE"})
  String upstreamKeepalivePoolSize;

  @Option(names = "--upstream-busy-retry", paramLabel = "on|off", defaultValue = "on",
      description = {"Retry an engine's \"too busy\" answer (see --upstream-busy-statuses) on another replica of"
          + " the upstream when no byte reached the client yet and the request can be sent again (no body, or a"
          + " body held whole); off passes it to the client.", "Default: on", "Env: GATEWAY_UPSTREAM_BUSY_RETRY"})
  String upstreamBusyRetry;

  @Option(names = "--upstream-busy-statuses", paramLabel = "STATUS,...", defaultValue = "429,503",
      description = {"The upstream statuses that mean \"busy\" (vLLM and SGLang answer 429 or 503 when their"
          + " queue is full); a Retry-After on them benches the replica.", "Default: 429,503",
          "Env: GATEWAY_UPSTREAM_BUSY_STATUSES"})
  String upstreamBusyStatuses;

  @Option(names = "--upstream-busy-max-bench", paramLabel = "DURATION", defaultValue = "300s",
      description = {"The longest a busy answer's Retry-After takes a replica out of the picks; 0 never benches.",
          "Default: 300s", "Env: GATEWAY_UPSTREAM_BUSY_MAX_BENCH"})
  String upstreamBusyMaxBench;

  @Option(names = "--plugin-access-timeout", paramLabel = "DURATION", defaultValue = "60s",
      description = {"How long the plugins' access phase of one request may take (a plugin waiting on a service"
          + " that never answers) before the request gets 500; the client is watched meanwhile.", "Default: 60s",
          "Env: GATEWAY_PLUGIN_ACCESS_TIMEOUT"})
  String pluginAccessTimeout;

  @Option(names = "--trusted-ips", paramLabel = "CIDR[,CIDR...]",
      description = {"Proxies and load balancers whose --real-ip-header names the client (IPv4 or IPv6 addresses and"
          + " CIDR ranges; 0.0.0.0/0,::/0 trusts every peer). The client address drives ip-restriction,"
          + " limit_by ip, the logs and X-Real-IP; a trusted peer's X-Forwarded-* headers are passed on.",
          "Default: none (the TCP peer is the client).", "Env: GATEWAY_TRUSTED_IPS, KONG_TRUSTED_IPS"})
  String trustedIps;

  @Option(names = "--real-ip-header", paramLabel = "NAME", defaultValue = "X-Real-IP",
      description = {"The header a trusted peer names the client in, e.g. X-Forwarded-For.", "Default: X-Real-IP",
          "Env: GATEWAY_REAL_IP_HEADER, KONG_REAL_IP_HEADER"})
  String realIpHeader;

  @Option(names = "--real-ip-recursive", paramLabel = "on|off", defaultValue = "off",
      description = {"With a list of addresses (X-Forwarded-For), skip trusted ones from the right instead of"
          + " taking the last one.", "Default: off", "Env: GATEWAY_REAL_IP_RECURSIVE, KONG_REAL_IP_RECURSIVE"})
  String realIpRecursive;

  @Option(names = "--upstream-trusted-ca", paramLabel = "FILE[,FILE...]|system",
      description = {"PEM CA bundles that https upstreams' certificates are checked against (a private CA);"
          + " 'system' adds the JVM's trust store.", "Default: system",
          "Env: GATEWAY_UPSTREAM_TRUSTED_CA, KONG_LUA_SSL_TRUSTED_CERTIFICATE"})
  String upstreamTrustedCa;

  @Option(names = "--underscores-in-headers", paramLabel = "on|off", defaultValue = "off",
      description = {"Forward request header fields whose names hold '_' (nginx drops them by default; Kong's"
          + " template turns them on). Off, an upstream mapping names to HTTP_X_FORWARDED_FOR cannot be fooled by"
          + " X_Forwarded_For.", "Default: off",
          "Env: GATEWAY_UNDERSCORES_IN_HEADERS, KONG_NGINX_HTTP_UNDERSCORES_IN_HEADERS,"
              + " KONG_NGINX_PROXY_UNDERSCORES_IN_HEADERS"})
  String underscoresInHeaders;

  @Option(names = "--access-log", paramLabel = "stdout|off|FILE", defaultValue = "stdout",
      description = {"Where the proxy's access log goes.", "Default: stdout"})
  String accessLog;

  @Option(names = "--access-log-format", paramLabel = "text|json", defaultValue = "text",
      description = {"Access log lines as text or as JSON lines.", "Default: text"})
  String accessLogFormat;

  @Mixin
  DatabaseOptions database = new DatabaseOptions();

  private final EnvVariables env;

  StartCommand(EnvVariables env) {
    this.env = env;
  }

  EnvVariables env() {
    return env;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    StartSettings settings;
    try {
      settings = new StartSettingsReader(this, new OptionSources(spec, new EnvDefaults(env))).read();
    } catch (SettingException e) {
      err.println("gateway: " + e.getMessage());
      err.flush();
      return 1;
    }
    return new GatewayProcess(settings, env, spec.commandLine().getOut(), err).run();
  }
}
