package dev.llmgateway.entity;

import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;
import java.util.List;

/**
 * An upstream's {@code healthchecks} record as {@code upstreams.lua} generates it, with Kong's defaults (section 8
 * of the reference): probing and the circuit breaker are off (0) unless configured.
 */
final class Healthchecks {
  private Healthchecks() {}

  private static Field statuses(String name, Long... defaults) {
    return Field.array(name, Field.integer("status").between(100, 999)).defaultValue(List.of((Object[]) defaults));
  }

  /** A counter of successes or failures: 0 (off) to 255. */
  private static Field counter(String name) {
    return Field.integer(name).defaultValue(0L).between(0, 255);
  }

  private static Field seconds(String name, long dflt) {
    return Field.number(name).defaultValue(dflt).between(0, 65535);
  }

  private static Field type() {
    return Field.string("type").defaultValue("http").oneOf("tcp", "http", "https", "grpc", "grpcs");
  }

  static final Schema ACTIVE_HEALTHY = Schema.of("healthy",
      seconds("interval", 0L),
      statuses("http_statuses", 200L, 302L),
      counter("successes"));

  static final Schema ACTIVE_UNHEALTHY = Schema.of("unhealthy",
      seconds("interval", 0L),
      statuses("http_statuses", 429L, 404L, 500L, 501L, 502L, 503L, 504L, 505L),
      counter("tcp_failures"),
      counter("timeouts"),
      counter("http_failures"));

  static final Schema ACTIVE = Schema.of("active",
      type(),
      seconds("timeout", 1L),
      Field.integer("concurrency").defaultValue(10L).between(1, 2147483648L),
      Typedefs.path("http_path").defaultValue("/"),
      Field.string("https_sni").validate(Typedefs.SNI_CHECK),
      Field.bool("https_verify_certificate").required().defaultValue(true),
      Typedefs.headers("headers", Field.string("header").validate(Typedefs.HEADER_NAME_CHECK)),
      Field.record("healthy", ACTIVE_HEALTHY),
      Field.record("unhealthy", ACTIVE_UNHEALTHY));

  static final Schema PASSIVE_HEALTHY = Schema.of("healthy",
      statuses("http_statuses", 200L, 201L, 202L, 203L, 204L, 205L, 206L, 207L, 208L, 226L,
          300L, 301L, 302L, 303L, 304L, 305L, 306L, 307L, 308L),
      counter("successes"));

  static final Schema PASSIVE_UNHEALTHY = Schema.of("unhealthy",
      statuses("http_statuses", 429L, 500L, 503L),
      counter("tcp_failures"),
      counter("timeouts"),
      counter("http_failures"));

  static final Schema PASSIVE = Schema.of("passive",
      type(),
      Field.record("healthy", PASSIVE_HEALTHY),
      Field.record("unhealthy", PASSIVE_UNHEALTHY));

  static final Schema SCHEMA = Schema.of("healthchecks",
      Field.record("active", ACTIVE),
      Field.record("passive", PASSIVE),
      Field.number("threshold").defaultValue(0L).between(0, 100));
}
