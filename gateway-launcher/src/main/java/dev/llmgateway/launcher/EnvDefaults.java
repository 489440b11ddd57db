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
  static final Map<String, List<String>> VARIABLES = Map.of(
      "--proxy-listen", List.of("GATEWAY_PROXY_LISTEN", "KONG_PROXY_LISTEN"),
      "--admin-listen", List.of("GATEWAY_ADMIN_LISTEN", "KONG_ADMIN_LISTEN"),
      "--data-dir", List.of("GATEWAY_DATA_DIR"),
      "--config", List.of("GATEWAY_CONFIG", "KONG_DECLARATIVE_CONFIG"),
      "--vllm-url", List.of("VLLM_URL"),
      "--sglang-url", List.of("SGLANG_URL"),
      "--upstream-keepalive-idle-timeout",
      List.of("GATEWAY_UPSTREAM_KEEPALIVE_IDLE_TIMEOUT", "KONG_UPSTREAM_KEEPALIVE_IDLE_TIMEOUT"),
      "--upstream-keepalive-pool-size",
      List.of("GATEWAY_UPSTREAM_KEEPALIVE_POOL_SIZE", "KONG_UPSTREAM_KEEPALIVE_POOL_SIZE"),
      "--plugin-access-timeout", List.of("GATEWAY_PLUGIN_ACCESS_TIMEOUT"));

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
