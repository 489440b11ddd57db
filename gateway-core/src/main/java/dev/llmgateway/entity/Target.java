package dev.llmgateway.entity;

import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One backend address of an {@link Upstream} with its weight (Kong's {@code targets}); weight 0 disables it. Kong
 * stores the target normalized as {@code host:port} ({@code kong/db/dao/targets.lua}): port 8000 when left out,
 * IPv4 without leading zeros, IPv6 bracketed and fully expanded; names as written.
 */
public record Target(UUID id, UUID upstreamId, String host, int port, int weight, Row row) {

  /** Kong's default port for a target given without one. */
  public static final int DEFAULT_PORT = 8000;

  public static final Schema SCHEMA = Schema.of("targets",
      Typedefs.id(),
      Typedefs.timestampMs("created_at"),
      Typedefs.timestampMs("updated_at"),
      Field.foreign("upstream", "upstreams").required(),
      Field.string("target").required().validate(Target::checkTarget),
      Field.integer("weight").defaultValue(100L).between(0, 65535),
      Typedefs.tags())
      .withShorthands(Target::withDefaultPort);

  public static final EntityType TYPE = EntityType.builder("targets", SCHEMA)
      .adminPath(null)
      .endpointKey("target")
      .cacheKeyField("target")
      .timestamps(EntityType.Timestamps.MILLISECONDS)
      .references("upstream", "upstreams", true, "targets")
      .uniqueTogether("upstream", "target")
      .shorthands(Target::withDefaultPort)
      .build();

  public Target {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(row, "row");
  }

  /** The typed view of a validated targets row. */
  public static Target of(Row row) {
    HostPort hp = HostPort.parse(row.string("target"));
    return new Target(row.uuid("id"), row.foreignId("upstream"), hp.host(),
        hp.port() < 0 ? DEFAULT_PORT : hp.port(), row.integer("weight", 100), row);
  }

  static String checkTarget(Object value) {
    String target = (String) value;
    if (HostPort.parse(target) != null) {
      return null;
    }
    return Typedefs.utf8Error(target) == null
        ? "Invalid target ('" + target + "'); not a valid hostname or ip address"
        : "Invalid target; not a valid hostname or ip address";
  }

  /**
   * Kong's {@code format_target}: a valid target is rewritten as {@code host:port}; anything else is left for the
   * schema to refuse.
   */
  static Map<String, Object> withDefaultPort(Map<String, Object> input) {
    if (!(input.get("target") instanceof String s) || !(HostPort.normalize(s) instanceof HostPort hp)) {
      return input;
    }
    String formatted = hp.format(DEFAULT_PORT);
    if (formatted.equals(s)) {
      return input;
    }
    Map<String, Object> out = new LinkedHashMap<>(input);
    out.put("target", formatted);
    return out;
  }
}
