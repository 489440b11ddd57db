package dev.llmgateway.launcher;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Supplies an option's value from the environment when the flag is absent: the {@code GATEWAY_*} variable first,
 * then Kong's name for the same setting, so that a Kong {@code .env} file works unchanged. A flag always wins.
 */
final class EnvDefaults implements IDefaultValueProvider {
  /** Option name to the variables that can set it, in order of precedence. */
  static final Map<String, List<String>> VARIABLES = Map.ofEntries(
      Map.entry("--proxy-listen", List.of("GATEWAY_PROXY_LISTEN", "KONG_PROXY_LISTEN")),
      Map.entry("--admin-listen", List.of("GATEWAY_ADMIN_LISTEN", "KONG_ADMIN_LISTEN")),
      Map.entry("--status-listen", List.of("GATEWAY_STATUS_LISTEN", "KONG_STATUS_LISTEN")),
      Map.entry("--data-dir", List.of("GATEWAY_DATA_DIR")),
      Map.entry("--config", List.of("GATEWAY_CONFIG", "KONG_DECLARATIVE_CONFIG")),
      Map.entry("--vllm-url", List.of("VLLM_URL")),
      Map.entry("--sglang-url", List.of("SGLANG_URL")),
      Map.entry("--upstream-keepalive-idle-timeout",
          List.of("GATEWAY_UPSTREAM_KEEPALIVE_IDLE_TIMEOUT", "KONG_UPSTREAM_KEEPALIVE_IDLE_TIMEOUT")),
      Map.entry("--upstream-keepalive-pool-size",
          List.of("GATEWAY_UPSTREAM_KEEPALIVE_POOL_SIZE", "KONG_UPSTREAM_KEEPALIVE_POOL_SIZE")),
      Map.entry("--upstream-busy-retry", List.of("GATEWAY_UPSTREAM_BUSY_RETRY")),
      Map.entry("--upstream-busy-statuses", List.of("GATEWAY_UPSTREAM_BUSY_STATUSES")),
      Map.entry("--upstream-busy-max-bench", List.of("GATEWAY_UPSTREAM_BUSY_MAX_BENCH")),
      Map.entry("--database", List.of("GATEWAY_DATABASE", "KONG_DATABASE")),
      Map.entry("--pg-host", List.of("GATEWAY_PG_HOST", "KONG_PG_HOST")),
      Map.entry("--pg-port", List.of("GATEWAY_PG_PORT", "KONG_PG_PORT")),
      Map.entry("--pg-user", List.of("GATEWAY_PG_USER", "KONG_PG_USER")),
      Map.entry("--pg-password-file", List.of("GATEWAY_PG_PASSWORD_FILE", "KONG_PG_PASSWORD_FILE")),
      Map.entry("--pg-database", List.of("GATEWAY_PG_DATABASE", "KONG_PG_DATABASE")),
      Map.entry("--pg-schema", List.of("GATEWAY_PG_SCHEMA", "KONG_PG_SCHEMA")),
      Map.entry("--pg-ssl", List.of("GATEWAY_PG_SSL", "KONG_PG_SSL")),
      Map.entry("--pg-ssl-verify", List.of("GATEWAY_PG_SSL_VERIFY", "KONG_PG_SSL_VERIFY")),
      Map.entry("--pg-timeout", List.of("GATEWAY_PG_TIMEOUT", "KONG_PG_TIMEOUT")),
      Map.entry("--plugin-access-timeout", List.of("GATEWAY_PLUGIN_ACCESS_TIMEOUT")),
      Map.entry("--trusted-ips", List.of("GATEWAY_TRUSTED_IPS", "KONG_TRUSTED_IPS")),
      Map.entry("--real-ip-header", List.of("GATEWAY_REAL_IP_HEADER", "KONG_REAL_IP_HEADER")),
      Map.entry("--real-ip-recursive", List.of("GATEWAY_REAL_IP_RECURSIVE", "KONG_REAL_IP_RECURSIVE")),
      Map.entry("--upstream-trusted-ca", List.of("GATEWAY_UPSTREAM_TRUSTED_CA", "KONG_LUA_SSL_TRUSTED_CERTIFICATE")),
      Map.entry("--underscores-in-headers", List.of("GATEWAY_UNDERSCORES_IN_HEADERS",
          "KONG_NGINX_HTTP_UNDERSCORES_IN_HEADERS", "KONG_NGINX_PROXY_UNDERSCORES_IN_HEADERS")));

  /** The password is read from these variables only, never from a flag: a flag would show in {@code ps}. */
  static final List<String> PG_PASSWORD = List.of("GATEWAY_PG_PASSWORD", "KONG_PG_PASSWORD");

  private final EnvVariables env;

  EnvDefaults(EnvVariables env) {
    this.env = env;
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option)) {
      return null;
    }
    return variableFor(option.longestName()).map(EnvVariables.Found::value).orElse(null);
  }

  /** The variable that supplies {@code option} here, if any is set. */
  Optional<EnvVariables.Found> variableFor(String option) {
    List<String> names = VARIABLES.get(option);
    return names == null ? Optional.empty() : env.first(names.toArray(String[]::new));
  }
}
