package dev.llmgateway.internal.plugins.ratelimiting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.internal.pipeline.ConfigBinder;
import dev.llmgateway.internal.plugins.testing.TestGateway;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.SchemaViolation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitingSchemaTest {
  private final TestGateway gw = new TestGateway(new RateLimitingType());

  private Row config(Map<String, Object> config) {
    return gw.validatePlugin("rate-limiting", config, Map.of()).record("config");
  }

  private SchemaViolation violation(Map<String, Object> config) {
    try {
      config(config);
    } catch (SchemaViolation e) {
      return e;
    }
    throw new AssertionError("expected a schema violation for " + config);
  }

  @Test
  void defaultsAreKongs() {
    Row c = config(Map.of("minute", 5L));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("second", null);
    expected.put("minute", 5L);
    expected.put("hour", null);
    expected.put("day", null);
    expected.put("month", null);
    expected.put("year", null);
    expected.put("limit_by", "consumer");
    expected.put("header_name", null);
    expected.put("path", null);
    expected.put("policy", "local");
    expected.put("fault_tolerant", true);
    assertThat(c.asMap()).containsAllEntriesOf(expected);
    assertThat(c.get("hide_client_headers")).isEqualTo(false);
    assertThat(c.get("error_code")).isEqualTo(429L);
    assertThat(c.get("error_message")).isEqualTo("API rate limit exceeded");
    assertThat(c.get("sync_rate")).isEqualTo(-1L);
    Row redis = c.record("redis");
    assertThat(redis.get("host")).isNull();
    assertThat(redis.get("port")).isEqualTo(6379L);
    assertThat(redis.get("timeout")).isEqualTo(2000L);
    assertThat(redis.get("database")).isEqualTo(0L);
    assertThat(redis.get("ssl")).isEqualTo(false);
    assertThat(redis.get("ssl_verify")).isEqualTo(false);
    assertThat(redis.get("username")).isNull();
    assertThat(redis.get("password")).isNull();
    assertThat(redis.get("server_name")).isNull();
  }

  @Test
  void typedConfigReadsEveryField() {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("second", 1L);
    in.put("hour", 2.5);
    in.put("limit_by", "header");
    in.put("header_name", "x-tenant");
    in.put("policy", "redis");
    in.put("fault_tolerant", false);
    in.put("hide_client_headers", true);
    in.put("error_code", 503L);
    in.put("error_message", "slow down");
    in.put("sync_rate", 0.5);
    in.put("redis", Map.of("host", "redis.test", "port", 6380L));
    RateLimitingConfig c = ConfigBinder.of("rate-limiting", RateLimitingConfig.class, RateLimitingConfig.SCHEMA)
        .bind(config(in));
    assertThat(c.limits()).containsExactly(Map.entry(Period.SECOND, 1.0), Map.entry(Period.HOUR, 2.5));
    assertThat(c.limitBy()).isEqualTo("header");
    assertThat(c.headerName()).isEqualTo("x-tenant");
    assertThat(c.policy()).isEqualTo("redis");
    assertThat(c.faultTolerant()).isFalse();
    assertThat(c.hideClientHeaders()).isTrue();
    assertThat(c.errorCode()).isEqualTo(503);
    assertThat(c.errorMessage()).isEqualTo("slow down");
    assertThat(c.syncRate()).isEqualTo(0.5);
    assertThat(c.redis().host()).isEqualTo("redis.test");
    assertThat(c.redis().port()).isEqualTo(6380);
  }

  @Test
  void atLeastOneLimitIsAPluginLevelError() {
    SchemaViolation e = violation(Map.of());
    assertThat(e.getMessage()).isEqualTo("schema violation (at least one of these fields must be non-empty: "
        + "'config.second', 'config.minute', 'config.hour', 'config.day', 'config.month', 'config.year')");
    assertThat(e.toJson().get("fields")).isEqualTo(Map.of("@entity", java.util.List.of(
        "at least one of these fields must be non-empty: 'config.second', 'config.minute', 'config.hour', "
            + "'config.day', 'config.month', 'config.year'")));
  }

  @Test
  void limitsMustBePositiveNumbers() {
    assertThat(violation(Map.of("minute", 0L)).getMessage())
        .isEqualTo("schema violation (config.minute: value must be greater than 0)");
    assertThat(violation(Map.of("second", -1.5)).getMessage())
        .isEqualTo("schema violation (config.second: value must be greater than 0)");
    assertThat(violation(Map.of("day", "10")).getMessage())
        .isEqualTo("schema violation (config.day: expected a number)");
    assertThat(config(Map.of("minute", 1.0e9)).get("minute")).isEqualTo(1.0e9);
  }

  @Test
  void longerPeriodsMayNotHaveLowerLimits() {
    SchemaViolation e = violation(Map.of("second", 20L, "hour", 10L));
    assertThat(e.getMessage()).isEqualTo(
        "schema violation (config: The limit for hour(10.0) cannot be lower than the limit for second(20.0))");
    assertThat(e.toJson().get("fields"))
        .isEqualTo(Map.of("config", "The limit for hour(10.0) cannot be lower than the limit for second(20.0)"));
    config(Map.of("second", 10L, "minute", 10L, "year", 10L));
  }

  @Test
  void syncRateBelongsToRedis() {
    assertThat(violation(Map.of("minute", 1L, "sync_rate", 1L)).toJson().get("fields"))
        .isEqualTo(Map.of("config", "sync_rate can only be used with the redis policy"));
    assertThat(violation(Map.of("minute", 1L, "policy", "redis", "sync_rate", 0.01,
        "redis", Map.of("host", "r"))).toJson().get("fields"))
        .isEqualTo(Map.of("config", "sync_rate must be greater than 0.02, or -1 to disable"));
    config(Map.of("minute", 1L, "policy", "redis", "sync_rate", 0.02, "redis", Map.of("host", "r")));
  }

  @Test
  void limitByHeaderNeedsHeaderName() {
    SchemaViolation e = violation(Map.of("minute", 1L, "limit_by", "header"));
    assertThat(e.getMessage()).isEqualTo("schema violation (config.header_name: required field missing)");
    assertThat(e.toJson().get("fields")).isEqualTo(Map.of("config", Map.of("header_name", "required field missing")));
    assertThat(violation(Map.of("minute", 1L, "header_name", "bad header")).getMessage()).isEqualTo(
        "schema violation (config.header_name: bad header name 'bad header', allowed characters are A-Z, a-z, "
            + "0-9, '_', and '-')");
  }

  @Test
  void limitByPathNeedsAPath() {
    assertThat(violation(Map.of("minute", 1L, "limit_by", "path")).getMessage())
        .isEqualTo("schema violation (config.path: required field missing)");
    assertThat(violation(Map.of("minute", 1L, "path", "v1")).getMessage())
        .isEqualTo("schema violation (config.path: should start with: /)");
  }

  @Test
  void redisPolicyNeedsAHost() {
    SchemaViolation e = violation(Map.of("minute", 1L, "policy", "redis"));
    assertThat(e.toJson().get("fields"))
        .isEqualTo(Map.of("config", Map.of("redis", Map.of("host", "required field missing"))));
    assertThat(violation(Map.of("minute", 1L, "redis", Map.of("port", 70000L))).toJson().get("fields"))
        .isEqualTo(Map.of("config", Map.of("redis", Map.of("port", "value should be between 0 and 65535"))));
  }

  @Test
  void flatRedisFieldsOfOlderKongConfigsMoveIntoTheRedisRecordAndAreNotEchoed() {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("minute", 1L);
    input.put("policy", "redis");
    input.put("redis_host", "redis.internal");
    input.put("redis_port", 6380L);
    input.put("redis_password", "pw");
    input.put("redis_ssl", true);
    input.put("redis", Map.of("host", "overridden", "database", 2L));
    Row c = config(input);
    Row redis = c.record("redis");
    assertThat(redis.get("host")).isEqualTo("redis.internal");
    assertThat(redis.get("port")).isEqualTo(6380L);
    assertThat(redis.get("password")).isEqualTo("pw");
    assertThat(redis.get("ssl")).isEqualTo(true);
    assertThat(redis.get("database")).isEqualTo(2L);
    assertThat(c.asMap()).doesNotContainKeys("redis_host", "redis_port", "redis_password", "redis_ssl");
    assertThat(violation(Map.of("minute", 1L, "redis_port", 70000L)).toJson().get("fields"))
        .isEqualTo(Map.of("config", Map.of("redis", Map.of("port", "value should be between 0 and 65535"))));
  }

  @Test
  void enumsAreChecked() {
    assertThat(violation(Map.of("minute", 1L, "limit_by", "consumer-group")).getMessage()).isEqualTo(
        "schema violation (config.limit_by: expected one of: consumer, credential, ip, service, header, path)");
    assertThat(violation(Map.of("minute", 1L, "policy", "memory")).getMessage())
        .isEqualTo("schema violation (config.policy: expected one of: local, cluster, redis)");
  }

  @Test
  void errorCodeAndMessage() {
    assertThat(violation(Map.of("minute", 1L, "error_code", 0L)).getMessage())
        .isEqualTo("schema violation (config.error_code: value must be greater than 0)");
    assertThat(violation(Map.of("minute", 1L, "error_code", 700L)).getMessage())
        .isEqualTo("schema violation (config.error_code: value should be between 100 and 599)");
    assertThat(violation(Map.of("minute", 1L, "error_message", "")).getMessage())
        .isEqualTo("schema violation (config.error_message: length must be at least 1)");
    assertThat(violation(Map.of("minute", 1L, "fault_tolerant", "no")).getMessage())
        .isEqualTo("schema violation (config.fault_tolerant: expected a boolean)");
    assertThat(violation(Map.of("minute", 1L, "hide_client_headers", 1L)).getMessage())
        .isEqualTo("schema violation (config.hide_client_headers: expected a boolean)");
  }

  @Test
  void priorityAndScopes() {
    RateLimitingType t = new RateLimitingType();
    assertThat(t.name()).isEqualTo("rate-limiting");
    assertThat(t.priority()).isEqualTo(910);
    assertThat(t.allowsConsumerScope()).isTrue();
    gw.consumer("alice");
    assertThat(gw.validatePlugin("rate-limiting", Map.of("minute", 1L), Map.of("consumer", "alice"))
        .foreignId("consumer")).isNotNull();
  }
}
