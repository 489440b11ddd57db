package dev.llmgateway.launcher;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The environment variables the launcher reads, as a plain map so that tests can pass their own. An empty value
 * counts as unset, as a blank line in a {@code .env} file means "not configured".
 */
public final class EnvVariables {
  /** A value and the variable it came from. */
  public record Found(String name, String value) {}

  private final Map<String, String> variables;

  public EnvVariables(Map<String, String> variables) {
    this.variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
  }

  /** The process environment. */
  public static EnvVariables system() {
    return new EnvVariables(System.getenv());
  }

  /** Every variable, for components that read the environment themselves (the admin key). */
  public Map<String, String> asMap() {
    return variables;
  }

  /** The first of {@code names} that is set to a non-empty value. */
  public Optional<Found> first(String... names) {
    for (String name : names) {
      String value = variables.get(name);
      if (value != null && !value.isEmpty()) {
        return Optional.of(new Found(name, value));
      }
    }
    return Optional.empty();
  }

  /**
   * The Admin API key for the default stack's {@code admin} consumer: {@code GATEWAY_ADMIN_API_KEY}, else Kong's
   * {@code KONG_ADMIN_API_KEY}; empty when neither is set (a key is then generated and kept in the data dir).
   */
  public Optional<String> adminApiKey() {
    return first("GATEWAY_ADMIN_API_KEY", "KONG_ADMIN_API_KEY").map(Found::value);
  }
}
