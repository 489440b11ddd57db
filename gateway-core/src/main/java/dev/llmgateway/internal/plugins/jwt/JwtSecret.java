package dev.llmgateway.internal.plugins.jwt;

import dev.llmgateway.entity.EntityType;
import dev.llmgateway.entity.Typedefs;
import dev.llmgateway.internal.plugins.keyauth.KeyAuthCredential;
import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * One JWT credential of a consumer (Kong's {@code jwt_secrets}): served at {@code /jwts} and
 * {@code /consumers/{c}/jwt}; {@code key} (unique, generated when left out) is what the token's
 * {@code key_claim_name} claim names; HS* tokens are checked with {@code secret} (generated when left out), the
 * others with {@code rsa_public_key}, which RS*, PS* and EdDSA credentials must carry and which must parse.
 */
public record JwtSecret(UUID id, UUID consumerId, String key, String secret, String rsaPublicKey,
    String algorithm) {

  /** The schema of {@code jwt_secrets} rows. */
  public static final Schema SCHEMA = Schema.of("jwt_secrets",
      Typedefs.id(),
      Typedefs.createdAt(),
      Field.foreign("consumer", "consumers").required(),
      Field.string("key").unique().auto(KeyAuthCredential::generateKey),
      Field.string("secret").auto(KeyAuthCredential::generateKey),
      Field.string("rsa_public_key"),
      Field.string("algorithm").defaultValue("HS256").oneOf(Algorithm.NAMES.toArray(String[]::new)),
      Typedefs.tags())
      .withChecks(EntityCheck.conditional("algorithm",
          v -> Algorithm.named(v) != null && Algorithm.named(v).needsPublicKeyField(), "rsa_public_key",
          EntityCheck.Then.requiredAnd(JwtSecret::checkKey), null));

  /** The entity type: table {@code jwt_secrets}, admin path {@code jwts}, endpoint key {@code key}. */
  public static final EntityType TYPE = EntityType.builder("jwt_secrets", SCHEMA)
      .adminPath("jwts")
      .endpointKey("key")
      .cacheKeyField("key")
      .timestamps(EntityType.Timestamps.CREATED_ONLY)
      .references("consumer", "consumers", true, "jwt")
      .build();

  public JwtSecret {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(consumerId, "consumerId");
    Objects.requireNonNull(key, "key");
  }

  /** The typed view of a validated row. */
  public static JwtSecret of(Row row) {
    return new JwtSecret(row.uuid("id"), row.foreignId("consumer"), row.string("key"), row.string("secret"),
        row.string("rsa_public_key"), row.string("algorithm", "HS256"));
  }

  private static String checkKey(Object value) {
    return value instanceof String s && PublicKeys.parse(s.getBytes(StandardCharsets.UTF_8)) != null
        ? null : "invalid key";
  }

  @Override
  public String toString() {
    return "JwtSecret[id=" + id + ", consumer=" + consumerId + ", key=" + key + ", algorithm=" + algorithm + "]";
  }
}
