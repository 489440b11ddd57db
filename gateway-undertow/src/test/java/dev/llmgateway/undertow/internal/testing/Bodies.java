package dev.llmgateway.undertow.internal.testing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic test bodies and their digests. */
public final class Bodies {
  private Bodies() {}

  /** Fills {@code block} with pseudo-random bytes determined by {@code seed} (fast: 8 bytes per step). */
  public static void fill(byte[] block, long seed) {
    long x = seed * 0x9E3779B97F4A7C15L + 1;
    for (int i = 0; i + 8 <= block.length; i += 8) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      for (int j = 0; j < 8; j++) {
        block[i + j] = (byte) (x >>> (j * 8));
      }
    }
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  public static String sha256(byte[] bytes) {
    return hex(sha256().digest(bytes));
  }
}
