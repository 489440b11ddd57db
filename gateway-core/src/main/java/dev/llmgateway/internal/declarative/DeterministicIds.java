package dev.llmgateway.internal.declarative;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Name-based UUIDs (RFC 4122 version 5, SHA-1) for entities declared without an id, so that the same file yields
 * the same ids on every load. Like Kong, each entity table gets its own namespace, derived from one fixed root.
 */
final class DeterministicIds {
  /** Kong's root namespace for declarative entities. */
  static final UUID ROOT = UUID.fromString("fd02801f-0957-4a15-a55a-c8d9606f30b5");

  private DeterministicIds() {}

  /** The id of the {@code table} entity whose key is {@code key}. */
  static UUID of(String table, String key) {
    return v5(v5(ROOT, table), key);
  }

  static UUID v5(UUID namespace, String name) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by every Java platform", e);
    }
    ByteBuffer ns = ByteBuffer.allocate(16);
    ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
    sha1.update(ns.array());
    byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
    return new UUID(b.getLong(), b.getLong());
  }
}
