package dev.llmgateway.internal.plugins.keyauth;

import dev.llmgateway.entity.EntityType;
import dev.llmgateway.entity.Typedefs;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * One API key of a consumer (Kong's {@code keyauth_credentials}): served at {@code /key-auths} and
 * {@code /consumers/{c}/key-auth}; the key is unique and generated when left out; an optional {@code ttl} in
 * seconds from {@code created_at} makes the key expire.
 */
public record KeyAuthCredential(UUID id, UUID consumerId, String key, Long createdAt, Long ttl) {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The schema of {@code keyauth_credentials} rows. */
  public static final Schema SCHEMA = Schema.of("keyauth_credentials",
      Typedefs.id(),
      Typedefs.createdAt(),
      Field.foreign("consumer", "consumers").required(),
      Field.string("key").unique().auto(KeyAuthCredential::generateKey),
      Field.integer("ttl").between(0, 100_000_000L)
          .description("Seconds after created_at when the key stops working"),
      Typedefs.tags());

  /** The entity type: table {@code keyauth_credentials}, admin path {@code key-auths}, endpoint key {@code key}. */
  public static final EntityType TYPE = EntityType.builder("keyauth_credentials", SCHEMA)
      .adminPath("key-auths")
      .endpointKey("key")
      .cacheKeyField("key")
      .timestamps(EntityType.Timestamps.CREATED_ONLY)
      .references("consumer", "consumers", true, "key-auth")
      .build();

  public KeyAuthCredential {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(consumerId, "consumerId");
    Objects.requireNonNull(key, "key");
  }

  /** The typed view of a validated row. */
  public static KeyAuthCredential of(Row row) {
    return new KeyAuthCredential(row.uuid("id"), row.foreignId("consumer"), row.string("key"),
        row.longOrNull("created_at"), row.longOrNull("ttl"));
  }

  /** Whether the key has expired at {@code nowSeconds} (Unix seconds). */
  public boolean expiredAt(long nowSeconds) {
    return ttl != null && createdAt != null && nowSeconds >= createdAt + ttl;
  }

  /** A fresh random key like Kong's: 24 random bytes, base64 without '+', '/' and padding, 32 characters. */
  public static String generateKey() {
    byte[] bytes = new byte[24];
    char[] out = new char[32];
    int n = 0;
    while (n < out.length) {
      RANDOM.nextBytes(bytes);
      for (char c : Base64.getEncoder().withoutPadding().encodeToString(bytes).toCharArray()) {
        if (c != '+' && c != '/' && n < out.length) {
          out[n++] = c;
        }
      }
    }
    return new String(out);
  }

  @Override
  public String toString() {
    return "KeyAuthCredential[id=" + id + ", consumer=" + consumerId + "]";
  }
}
