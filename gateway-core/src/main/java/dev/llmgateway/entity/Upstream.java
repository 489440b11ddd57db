package dev.llmgateway.entity;

import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A virtual host name balanced over {@link Target}s (Kong's {@code upstreams}); a service whose host equals the
 * upstream's name is balanced over its targets. Health checks and hashing are accepted and stored (see README).
 */
public record Upstream(UUID id, String name, String algorithm, String hostHeader, Row row) {

  private static final String[] HASH_ON =
      {"none", "consumer", "ip", "header", "cookie", "path", "query_arg", "uri_capture"};

  public static final Schema SCHEMA = Schema.of("upstreams",
      Typedefs.id(),
      Typedefs.createdAt(),
      Typedefs.updatedAt(),
      Field.string("name").required().unique().validate(v -> {
        HostPort hp = HostPort.parse((String) v);
        return hp != null && hp.kind() == HostPort.Kind.NAME && hp.port() < 0 ? null
            : "Invalid name ('" + v + "'); must be a valid hostname";
      }),
      Field.string("algorithm").defaultValue("round-robin")
          .oneOf("consistent-hashing", "least-connections", "round-robin", "latency"),
      Field.string("hash_on").defaultValue("none").oneOf(HASH_ON),
      Field.string("hash_fallback").defaultValue("none").oneOf(HASH_ON),
      Field.string("hash_on_header").validate(Typedefs.HEADER_NAME_CHECK),
      Field.string("hash_fallback_header").validate(Typedefs.HEADER_NAME_CHECK),
      Field.string("hash_on_cookie"),
      Field.string("hash_on_cookie_path").defaultValue("/").startsWith("/").validate(Typedefs.PATH_CHECK),
      Field.string("hash_on_query_arg"),
      Field.string("hash_fallback_query_arg"),
      Field.string("hash_on_uri_capture"),
      Field.string("hash_fallback_uri_capture"),
      Field.integer("slots").defaultValue(10000L).between(10, 65536),
      Field.record("healthchecks", Healthchecks.SCHEMA),
      Typedefs.tags(),
      Field.string("host_header").validate(Typedefs.HOST_CHECK),
      Field.foreign("client_certificate", "certificates"),
      Field.bool("use_srv_name").defaultValue(false));

  public static final EntityType TYPE = EntityType.builder("upstreams", SCHEMA)
      .endpointKey("name")
      .cacheKeyField("name")
      .build();

  public Upstream {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(row, "row");
  }

  /** The typed view of a validated upstreams row. */
  public static Upstream of(Row row) {
    return new Upstream(row.uuid("id"), row.string("name"), row.string("algorithm"), row.string("host_header"), row);
  }

  /** Kong's {@code healthchecks} record with its defaults (section 8 of the reference). */
  static final class Healthchecks {
    private Healthchecks() {}

    private static Field statuses(String name, Long... defaults) {
      return Field.array(name, Field.integer("status").between(100, 999)).defaultValue(List.of((Object[]) defaults));
    }

    private static Field counter(String name) {
      return Field.integer(name).defaultValue(0L).between(0, 255);
    }

    static final Schema ACTIVE_HEALTHY = Schema.of("healthy",
        Field.number("interval").defaultValue(0L).between(0, 65535),
        statuses("http_statuses", 200L, 302L),
        counter("successes"));

    static final Schema ACTIVE_UNHEALTHY = Schema.of("unhealthy",
        Field.number("interval").defaultValue(0L).between(0, 65535),
        statuses("http_statuses", 429L, 404L, 500L, 501L, 502L, 503L, 504L, 505L),
        counter("tcp_failures"),
        counter("timeouts"),
        counter("http_failures"));

    static final Schema ACTIVE = Schema.of("active",
        Field.string("type").defaultValue("http").oneOf("tcp", "http", "https", "grpc", "grpcs"),
        Field.number("timeout").defaultValue(1L).between(0, 65535),
        Field.integer("concurrency").defaultValue(10L).between(1, 65535),
        Field.string("http_path").defaultValue("/").startsWith("/"),
        Field.string("https_sni"),
        Field.bool("https_verify_certificate").defaultValue(true),
        Field.map("headers", Field.array("values", Field.string("value"))),
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
        Field.string("type").defaultValue("http").oneOf("tcp", "http", "https", "grpc", "grpcs"),
        Field.record("healthy", PASSIVE_HEALTHY),
        Field.record("unhealthy", PASSIVE_UNHEALTHY));

    static final Schema SCHEMA = Schema.of("healthchecks",
        Field.record("active", ACTIVE),
        Field.record("passive", PASSIVE),
        Field.number("threshold").defaultValue(0L).between(0, 100));
  }
}
