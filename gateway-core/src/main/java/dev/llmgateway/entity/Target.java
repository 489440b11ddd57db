package dev.llmgateway.entity;

import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import dev.llmgateway.schema.SchemaViolation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** One backend address of an {@link Upstream} with its weight (Kong's {@code targets}); weight 0 disables it. */
public record Target(UUID id, UUID upstreamId, String host, int port, int weight, Row row) {

  /** Kong's default port for a target given without one. */
  public static final int DEFAULT_PORT = 8000;

  public static final Schema SCHEMA = Schema.of("targets",
      Typedefs.id(),
      Field.number("created_at"),
      Field.number("updated_at"),
      Field.foreign("upstream", "upstreams").required(),
      Field.string("target").required().validate(Typedefs.HOST_WITH_OPTIONAL_PORT_CHECK),
      Field.integer("weight").defaultValue(100L).between(0, 65535),
      Typedefs.tags());

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
        hp.port() < 0 ? DEFAULT_PORT : hp.port(), row.integer("weight"), row);
  }

  /** Kong stores targets as {@code host:port}, adding the default port 8000 when it is left out. */
  static Map<String, Object> withDefaultPort(Map<String, Object> input) {
    Object t = input.get("target");
    if (!(t instanceof String s)) {
      return input;
    }
    HostPort hp = HostPort.parse(s);
    if (hp == null) {
      throw SchemaViolation.of("target", "Invalid target ('" + s + "'); not a valid hostname or ip address");
    }
    if (hp.port() >= 0) {
      return input;
    }
    Map<String, Object> out = new LinkedHashMap<>(input);
    String host = hp.kind() == HostPort.Kind.IPV6 ? "[" + hp.host() + "]" : hp.host();
    out.put("target", host + ":" + DEFAULT_PORT);
    return out;
  }
}
