package dev.llmgateway.entity;

import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A virtual host name balanced over {@link Target}s (Kong's {@code upstreams}); a service whose host equals the
 * upstream's name is balanced over its targets by {@code dev.llmgateway.balancer}; {@code least-load} is our
 * load-aware algorithm for LLM engines, next to Kong's four.
 */
public record Upstream(UUID id, String name, String algorithm, String hostHeader, Row row) {

  private static final String[] HASH_ON =
      {"none", "consumer", "ip", "header", "cookie", "path", "query_arg", "uri_capture"};

  public static final Schema SCHEMA = Schema.of("upstreams",
      Typedefs.id(),
      Typedefs.createdAt(),
      Typedefs.updatedAt(),
      Field.string("name").required().unique().validate(Upstream::checkName),
      Field.string("algorithm").defaultValue("round-robin")
          .oneOf("consistent-hashing", "least-connections", "round-robin", "latency", "least-load"),
      Field.string("hash_on").defaultValue("none").oneOf(HASH_ON),
      Field.string("hash_fallback").defaultValue("none").oneOf(HASH_ON),
      Field.string("hash_on_header").validate(Typedefs.HEADER_NAME_CHECK),
      Field.string("hash_fallback_header").validate(Typedefs.HEADER_NAME_CHECK),
      Field.string("hash_on_cookie").validate(Typedefs.COOKIE_NAME_CHECK),
      Typedefs.path("hash_on_cookie_path").defaultValue("/"),
      Field.string("hash_on_query_arg"),
      Field.string("hash_fallback_query_arg"),
      Field.string("hash_on_uri_capture"),
      Field.string("hash_fallback_uri_capture"),
      Field.integer("slots").defaultValue(10000L).between(10, 65536),
      Field.record("healthchecks", Healthchecks.SCHEMA),
      Typedefs.tags(),
      Field.string("host_header").validate(Typedefs.HOST_WITH_OPTIONAL_PORT_CHECK),
      Field.foreign("client_certificate", "certificates"),
      Field.bool("use_srv_name").defaultValue(false))
      .withChecks(
          EntityCheck.requiredWhen("hash_on", "header", "hash_on_header"),
          EntityCheck.requiredWhen("hash_fallback", "header", "hash_fallback_header"),
          EntityCheck.requiredWhen("hash_on", "cookie", "hash_on_cookie"),
          EntityCheck.requiredWhen("hash_fallback", "cookie", "hash_on_cookie"),
          EntityCheck.requiredWhen("hash_on", "query_arg", "hash_on_query_arg"),
          EntityCheck.requiredWhen("hash_fallback", "query_arg", "hash_fallback_query_arg"),
          EntityCheck.requiredWhen("hash_on", "uri_capture", "hash_on_uri_capture"),
          EntityCheck.requiredWhen("hash_fallback", "uri_capture", "hash_fallback_uri_capture"),
          fallbackOneOf("none", "none"),
          fallbackOneOf("cookie", "none"),
          fallbackOneOf("consumer", "none", "ip", "header", "cookie", "path", "query_arg", "uri_capture"),
          fallbackOneOf("ip", "none", "consumer", "header", "cookie", "path", "query_arg", "uri_capture"),
          fallbackOneOf("path", "none", "consumer", "ip", "header", "cookie", "query_arg", "uri_capture"),
          EntityCheck.distinct("hash_on_header", "hash_fallback_header"))
      .withShorthands(Upstream::hashingAlgorithm);

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
    return new Upstream(row.uuid("id"), row.string("name"), row.string("algorithm", "round-robin"),
        row.string("host_header"), row);
  }

  /** Kong's upstream name: a host name, not an IP and without a port. */
  static String checkName(Object value) {
    String name = (String) value;
    String subject = Typedefs.utf8Error(name) == null ? "Invalid name ('" + name + "')" : "Invalid name";
    if (!(HostPort.normalize(name) instanceof HostPort hp)) {
      return subject + "; must be a valid hostname";
    }
    if (hp.kind() != HostPort.Kind.NAME) {
      return subject + "; no ip addresses allowed";
    }
    return hp.port() >= 0 ? subject + "; no port allowed" : null;
  }

  private static EntityCheck fallbackOneOf(String hashOn, String... allowed) {
    return EntityCheck.conditional("hash_on", hashOn::equals, "hash_fallback", EntityCheck.Then.oneOf(allowed), null);
  }

  /** Hashing on anything but {@code none} implies {@code consistent-hashing} when no algorithm is given. */
  static Map<String, Object> hashingAlgorithm(Map<String, Object> input) {
    Object hashOn = input.get("hash_on");
    if (!(hashOn instanceof String s) || s.equals("none") || input.containsKey("algorithm")) {
      return input;
    }
    Map<String, Object> out = new LinkedHashMap<>(input);
    out.put("algorithm", "consistent-hashing");
    return out;
  }
}
