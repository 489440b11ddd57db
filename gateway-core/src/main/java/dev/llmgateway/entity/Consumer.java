package dev.llmgateway.entity;

import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import java.util.Objects;
import java.util.UUID;

/** A user or application that calls through the gateway (Kong's {@code consumers}). */
public record Consumer(UUID id, String username, String customId, Row row) {

  public static final Schema SCHEMA = Schema.of("consumers",
      Typedefs.id(),
      Typedefs.createdAt(),
      Typedefs.updatedAt(),
      Field.string("username").unique(),
      Field.string("custom_id").unique(),
      Typedefs.tags())
      .withChecks(EntityCheck.atLeastOneOf("custom_id", "username"));

  public static final EntityType TYPE = EntityType.builder("consumers", SCHEMA)
      .endpointKey("username")
      .cacheKeyField("username")
      .build();

  public Consumer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(row, "row");
  }

  /** The typed view of a validated consumers row. */
  public static Consumer of(Row row) {
    return new Consumer(row.uuid("id"), row.string("username"), row.string("custom_id"), row);
  }
}
