package dev.llmgateway.internal.proxy;

import java.util.concurrent.ThreadLocalRandom;

/** Generates request ids as Kong does for {@code X-Kong-Request-Id}: 128 random bits as 32 lowercase hex digits. */
public final class RequestIds {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private RequestIds() {}

  /** A new id; not a secret (ids are echoed to clients), so a fast non-cryptographic source is enough. */
  public static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] out = new char[32];
    write(random.nextLong(), out, 0);
    write(random.nextLong(), out, 16);
    return new String(out);
  }

  private static void write(long bits, char[] out, int offset) {
    for (int i = 15; i >= 0; i--) {
      out[offset + i] = HEX[(int) (bits & 0xF)];
      bits >>>= 4;
    }
  }
}
