package dev.llmgateway.internal.plugins.acl;

import dev.llmgateway.entity.EntityType;
import dev.llmgateway.entity.Typedefs;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import java.util.Objects;
import java.util.UUID;

/**
 * A consumer's membership in a group (Kong's {@code acls}): served at {@code /acls} and
 * {@code /consumers/{c}/acls}, declared as {@code acls} in declarative config; a consumer is in a group once.
 */
public record AclGroup(UUID id, UUID consumerId, String group) {

  /** The schema of {@code acls} rows. */
  public static final Schema SCHEMA = Schema.of("acls",
      Typedefs.id(),
      Typedefs.createdAt(),
      Field.foreign("consumer", "consumers").required(),
      Field.string("group").required(),
      Typedefs.tags());

  /** The entity type: table and admin path {@code acls}, nested as {@code acls} under consumers. */
  public static final EntityType TYPE = EntityType.builder("acls", SCHEMA)
      .adminPath("acls")
      .cacheKeyField("group")
      .timestamps(EntityType.Timestamps.CREATED_ONLY)
      .references("consumer", "consumers", true, "acls")
      .uniqueTogether("consumer", "group")
      .build();

  public AclGroup {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(consumerId, "consumerId");
    Objects.requireNonNull(group, "group");
  }

  /** The typed view of a validated row. */
  public static AclGroup of(Row row) {
    return new AclGroup(row.uuid("id"), row.foreignId("consumer"), row.string("group"));
  }
}
