package dev.llmgateway.internal.plugins.ratelimiting;

import dev.llmgateway.entity.Typedefs;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;
import dev.llmgateway.schema.Validators;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The config of one rate-limiting plugin, bound from its schema by the gateway: Kong's fields and defaults. Limits
 * are numbers per {@link Period} (see {@link #limits()}); the checks across fields live in
 * {@link RateLimitingChecks} because Kong words them as plugin-level errors. An explicit null is accepted for
 * the defaulted fields (as Kong accepts it) and behaves as unset: {@code limit_by} null counts by client IP, like
 * Kong's fallback; {@code policy} and {@code error_message} take their defaults ({@code error_code}, an int, gets
 * its default from the binder).
 */
public record RateLimitingConfig(Double second, Double minute, Double hour, Double day, Double month, Double year,
    String limitBy, String headerName, String path, String policy, boolean faultTolerant, RedisConfig redis,
    boolean hideClientHeaders, int errorCode, String errorMessage, double syncRate) {

  private static final Pattern HEADER_NAME = Pattern.compile("^[A-Za-z0-9_-]+$");

  /** Kong's shared Redis record ({@code config.redis}); ai-token-limiting uses it too. */
  public static final Schema REDIS = Schema.of("redis",
      Field.string("host").validate(Typedefs.HOST_CHECK),
      Typedefs.port("port").defaultValue(6379L),
      Field.integer("timeout").defaultValue(2000L).between(0, 2147483646L),
      Field.string("username"),
      Field.string("password"),
      Field.integer("database").defaultValue(0L),
      Field.bool("ssl").defaultValue(false),
      Field.bool("ssl_verify").defaultValue(false),
      Field.string("server_name").validate(Typedefs.HOST_CHECK));

  /** The schema of rate-limiting's {@code config} record. */
  public static final Schema SCHEMA = Schema.of("rate-limiting",
      limit(Period.SECOND), limit(Period.MINUTE), limit(Period.HOUR), limit(Period.DAY), limit(Period.MONTH),
      limit(Period.YEAR),
      Field.string("limit_by").defaultValue("consumer")
          .oneOf("consumer", "credential", "ip", "service", "header", "path")
          .description("What requests are counted by; falls back to the client IP when that is unknown"),
      Field.string("header_name").validate(RateLimitingConfig::checkHeaderName)
          .description("The header counted by when limit_by is header"),
      Field.string("path").startsWith("/").validate(Typedefs.PATH_CHECK)
          .description("The path counted by when limit_by is path"),
      Field.string("policy").defaultValue("local").oneOf("local", "cluster", "redis")
          .description("Where the counters live"),
      Field.bool("fault_tolerant").required().defaultValue(true)
          .description("Proxy anyway (without headers) when the counter store fails"),
      Field.record("redis", REDIS),
      Field.bool("hide_client_headers").required().defaultValue(false)
          .description("Do not send the rate-limit headers"),
      Field.number("error_code").defaultValue(429L).validate(Validators.greaterThan(0))
          .validate(v -> ((Number) v).doubleValue() >= 100 && ((Number) v).doubleValue() < 600 ? null
              : "value should be between 100 and 599")
          .description("The status of a rejected request"),
      Field.string("error_message").defaultValue("API rate limit exceeded")
          .description("The message of a rejected request"),
      Field.number("sync_rate").required().defaultValue(-1L)
          .description("Seconds between counter syncs for the redis policy; -1 is synchronous"))
      .withShorthands(RedisShorthands::expand);

  public RateLimitingConfig {
    policy = policy != null ? policy : defaultOf("policy");
    errorMessage = errorMessage != null ? errorMessage : defaultOf("error_message");
  }

  private static String defaultOf(String field) {
    return (String) SCHEMA.field(field).defaultValue();
  }

  /** The configured limits by period, shortest first. */
  public Map<Period, Double> limits() {
    Map<Period, Double> limits = new EnumMap<>(Period.class);
    Double[] values = {second, minute, hour, day, month, year};
    for (Period p : Period.all()) {
      if (values[p.ordinal()] != null) {
        limits.put(p, values[p.ordinal()]);
      }
    }
    return Collections.unmodifiableMap(limits);
  }

  private static Field limit(Period p) {
    return Field.number(p.field()).validate(Validators.greaterThan(0))
        .description("Requests allowed per " + p.field());
  }

  static String checkHeaderName(Object value) {
    String name = (String) value;
    return HEADER_NAME.matcher(name).matches() ? null
        : "bad header name '" + name + "', allowed characters are A-Z, a-z, 0-9, '_', and '-'";
  }
}
