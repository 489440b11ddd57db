package dev.llmgateway.internal.plugins.basicauth;

import dev.llmgateway.entity.EntityType;
import dev.llmgateway.entity.Typedefs;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import dev.llmgateway.schema.SchemaViolation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One username and password of a consumer (Kong's {@code basicauth_credentials}): served at {@code /basic-auths}
 * and {@code /consumers/{c}/basic-auth}; the username is unique; the password is stored only as its
 * {@link PasswordHash}, computed on every write that sets it, so the clear text is never kept nor returned.
 */
public record BasicAuthCredential(UUID id, UUID consumerId, String username, String passwordHash, Long createdAt) {

  /** The schema of {@code basicauth_credentials} rows. */
  public static final Schema SCHEMA = Schema.of("basicauth_credentials",
      Typedefs.id(),
      Typedefs.createdAt(),
      Field.foreign("consumer", "consumers").required(),
      Field.string("username").required().unique(),
      Field.string("password").required()
          .description("Stored as the SHA-1 of the password and the consumer id, as Kong stores it"),
      Typedefs.tags());

  static final String CONSUMER_WITHOUT_PASSWORD = "all or none of these fields must be set: 'password', 'consumer.id'";

  /** The entity type: table {@code basicauth_credentials}, admin path {@code basic-auths}, key {@code username}. */
  public static final EntityType TYPE = EntityType.builder("basicauth_credentials", SCHEMA)
      .adminPath("basic-auths")
      .endpointKey("username")
      .cacheKeyField("username")
      .timestamps(EntityType.Timestamps.CREATED_ONLY)
      .references("consumer", "consumers", true, "basic-auth")
      .onWrite(BasicAuthCredential::hashPassword)
      .build();

  public BasicAuthCredential {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(consumerId, "consumerId");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(passwordHash, "passwordHash");
  }

  /** The typed view of a validated row. */
  public static BasicAuthCredential of(Row row) {
    return new BasicAuthCredential(row.uuid("id"), row.foreignId("consumer"), row.string("username"),
        row.string("password"), row.longOrNull("created_at"));
  }

  /**
   * Kong's transformation: a written password becomes its hash with the consumer id (the one written, else the
   * stored one on PATCH). A PATCH that moves the credential to another consumer must give the password again,
   * since the hash depends on the consumer.
   */
  static Map<String, Object> hashPassword(Map<String, Object> values, Row existing) {
    boolean hasPassword = values.containsKey("password");
    if (existing != null && !hasPassword) {
      if (values.get("consumer") != null) {
        throw SchemaViolation.ofEntity(CONSUMER_WITHOUT_PASSWORD);
      }
      return values;
    }
    String consumerId = consumerId(values.get("consumer"));
    if (consumerId == null && existing != null && !values.containsKey("consumer")) {
      UUID stored = existing.foreignId("consumer");
      consumerId = stored == null ? null : stored.toString();
    }
    if (!(values.get("password") instanceof String password) || consumerId == null) {
      return values;
    }
    Map<String, Object> out = new LinkedHashMap<>(values);
    out.put("password", PasswordHash.of(consumerId, password));
    return out;
  }

  private static String consumerId(Object ref) {
    if (ref instanceof Map<?, ?> m && m.get("id") instanceof String id) {
      return id;
    }
    if (ref instanceof Row r && r.get("id") != null) {
      return String.valueOf(r.get("id"));
    }
    return null;
  }

  @Override
  public String toString() {
    return "BasicAuthCredential[id=" + id + ", consumer=" + consumerId + ", username=" + username + "]";
  }
}
