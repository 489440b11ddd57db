package dev.llmgateway.entity;

import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.FieldErrors;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import dev.llmgateway.schema.SchemaViolation;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A backend the gateway proxies to (Kong's {@code services}): where it is, how long to wait for it, how often to
 * retry. {@link #row()} keeps every field as validated, for echoing and storage.
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
      Field.string("path").startsWith("/").validate(Typedefs.PATH_CHECK),
      Typedefs.timeout("connect_timeout"),
      Typedefs.timeout("write_timeout"),
      Typedefs.timeout("read_timeout"),
      Typedefs.tags(),
      Field.foreign("client_certificate", "certificates"),
      Field.bool("tls_verify"),
      Field.integer("tls_verify_depth").between(0, 64),
      Field.array("ca_certificates", Field.uuid("ca_certificate")),
      Field.bool("enabled").required().defaultValue(true))
      .withChecks(Service::protocolChecks);

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
        row.integer("port"), row.string("path"), row.integer("retries"), row.integer("connect_timeout"),
        row.integer("write_timeout"), row.integer("read_timeout"), row.boolOrNull("tls_verify"),
        row.bool("enabled"), row);
  }

  /** Whether the service speaks TLS to its upstream. */
  public boolean isTls() {
    return "https".equals(protocol) || "grpcs".equals(protocol) || "tls".equals(protocol);
  }

  private static void protocolChecks(Map<String, Object> v, FieldErrors errors) {
    Object protocol = v.get("protocol");
    if (NO_PATH_PROTOCOLS.contains(protocol) && v.get("path") != null) {
      errors.put("path", "value must be null");
    }
    if (!TLS_PROTOCOLS.contains(protocol)) {
      for (String f : List.of("client_certificate", "tls_verify", "tls_verify_depth", "ca_certificates")) {
        if (v.get(f) != null) {
          errors.put(f, "value must be null");
        }
      }
    }
  }

  /**
   * Kong's write-only {@code url} shorthand: {@code scheme://host[:port][/path]} sets protocol, host, port and path.
   * A missing path means null ({@code http://x.test}); a bare {@code /} is kept.
   */
  static Map<String, Object> expandUrl(Map<String, Object> input) {
    if (!input.containsKey("url")) {
      return input;
    }
    Object raw = input.get("url");
    Map<String, Object> out = new java.util.LinkedHashMap<>(input);
    out.remove("url");
    if (raw == null) {
      return out;
    }
    if (!(raw instanceof String url)) {
      throw SchemaViolation.of("url", "expected a string");
    }
    ServiceUrl parsed = ServiceUrl.parse(url.trim());
    if (parsed.error() != null) {
      throw SchemaViolation.of("url", parsed.error());
    }
    out.put("protocol", parsed.protocol());
    out.put("host", parsed.host());
    out.put("port", (long) parsed.port());
    out.put("path", parsed.path());
    return out;
  }
}
