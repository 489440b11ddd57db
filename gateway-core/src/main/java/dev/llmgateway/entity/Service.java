package dev.llmgateway.entity;

import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import dev.llmgateway.schema.SchemaViolation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A backend the gateway proxies to (Kong's {@code services}, {@code kong/db/schema/entities/services.lua}): where
 * it is, how long to wait for it, how often to retry. {@link #row()} keeps every field as validated, for echoing
 * and storage; the typed fields fall back to Kong's defaults where a client stored an explicit null.
 */
public record Service(UUID id, String name, String protocol, String host, int port, String path, int retries,
    int connectTimeout, int writeTimeout, int readTimeout, Boolean tlsVerify, boolean enabled, Row row) {

  private static final Set<String> NO_PATH_PROTOCOLS = Set.of("tcp", "tls", "udp", "grpc", "grpcs");
  private static final Set<String> TLS_PROTOCOLS = Set.of("https", "tls");

  public static final Schema SCHEMA = Schema.of("services",
      Typedefs.id(),
      Typedefs.createdAt(),
      Typedefs.updatedAt(),
      Typedefs.utf8Name("name"),
      Field.integer("retries").defaultValue(5L).between(0, 32767),
      Field.string("protocol").required().defaultValue("http").oneOf(Typedefs.PROTOCOLS.toArray(String[]::new)),
      Field.string("host").required().validate(Typedefs.HOST_CHECK),
      Typedefs.port("port").required().defaultValue(80L),
      Typedefs.path("path"),
      Typedefs.timeout("connect_timeout"),
      Typedefs.timeout("write_timeout"),
      Typedefs.timeout("read_timeout"),
      Typedefs.tags(),
      Field.foreign("client_certificate", "certificates"),
      Field.bool("tls_verify"),
      Field.integer("tls_verify_depth").between(0, 64),
      Field.array("ca_certificates", Field.uuid("ca_certificate")),
      Field.bool("enabled").required().defaultValue(true))
      .withChecks(
          EntityCheck.conditional("protocol", NO_PATH_PROTOCOLS::contains, "path", EntityCheck.Then.mustBeNull(),
              null),
          tlsOnly("client_certificate"),
          tlsOnly("tls_verify"),
          tlsOnly("tls_verify_depth"),
          tlsOnly("ca_certificates"))
      .withShorthands(Service::expandUrl);

  public static final EntityType TYPE = EntityType.builder("services", SCHEMA)
      .endpointKey("name")
      .cacheKeyField("name")
      .shorthands(Service::expandUrl)
      .build();

  public Service {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(row, "row");
  }

  /** The typed view of a validated services row. */
  public static Service of(Row row) {
    return new Service(row.uuid("id"), row.string("name"), row.string("protocol"), row.string("host"),
        row.integer("port"), row.string("path"), row.integer("retries", 5), row.integer("connect_timeout", 60000),
        row.integer("write_timeout", 60000), row.integer("read_timeout", 60000), row.boolOrNull("tls_verify"),
        row.bool("enabled", true), row);
  }

  /** Whether the service speaks TLS to its upstream. */
  public boolean isTls() {
    return "https".equals(protocol) || "grpcs".equals(protocol) || "tls".equals(protocol);
  }

  private static EntityCheck tlsOnly(String field) {
    Predicate<Object> notTls = p -> !TLS_PROTOCOLS.contains(p);
    return EntityCheck.conditional("protocol", notTls, field, EntityCheck.Then.mustBeNull(), null);
  }

  /**
   * Kong's write-only {@code url} shorthand: {@code scheme://host[:port][/path]} sets protocol, host, port and
   * path (a missing path is null, a bare {@code /} is kept); the parts are then validated like any input, so a
   * URL without a host fails with {@code host: required field missing}. A JSON null url is ignored.
   */
  static Map<String, Object> expandUrl(Map<String, Object> input) {
    if (!input.containsKey("url")) {
      return input;
    }
    Object raw = input.get("url");
    Map<String, Object> out = new LinkedHashMap<>(input);
    out.remove("url");
    if (raw == null) {
      return out;
    }
    if (!(raw instanceof String url)) {
      throw SchemaViolation.of("url", "expected a string");
    }
    if (url.isEmpty()) {
      throw SchemaViolation.of("url", "length must be at least 1");
    }
    out.putAll(ServiceUrl.fields(url));
    return out;
  }
}
