package dev.llmgateway.internal.plugins.basicauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How Kong stores a basic-auth password (its {@code crypto.lua}): the lower-case hex SHA-1 of the password's bytes
 * followed by the consumer id. Kept identical so hashes exported from Kong authenticate here and the other way.
 */
public final class PasswordHash {
  private PasswordHash() {}

  /** The stored form of {@code password} for the consumer {@code consumerId}. */
  public static String of(String consumerId, String password) {
    return of(consumerId, password.getBytes(StandardCharsets.UTF_8));
  }

  /** The stored form of a password given as raw bytes (what a client sent, not necessarily UTF-8). */
  static String of(String consumerId, byte[] password) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-1", e);
    }
    sha1.update(password);
    sha1.update(consumerId.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(sha1.digest());
  }

  /** Whether {@code presented} hashes to {@code stored}, compared in constant time. */
  static boolean matches(String stored, String consumerId, byte[] presented) {
    byte[] expected = stored.getBytes(StandardCharsets.UTF_8);
    byte[] actual = of(consumerId, presented).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, actual);
  }
}
