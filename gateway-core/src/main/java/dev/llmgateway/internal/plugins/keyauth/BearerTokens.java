package dev.llmgateway.internal.plugins.keyauth;

import java.util.ArrayList;
import java.util.List;

/** Reads {@code Bearer} tokens from {@code Authorization} header values (scheme case-insensitive, RFC 6750). */
final class BearerTokens {
  private static final String SCHEME = "bearer";

  private BearerTokens() {}

  /** The tokens of every Bearer value, in order; other schemes are skipped. */
  static List<String> of(List<String> authorization) {
    if (authorization.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(1);
    for (String value : authorization) {
      String token = token(value);
      if (token != null) {
        out.add(token);
      }
    }
    return out;
  }

  /** The token of one header value, or null when it is not a non-empty Bearer credential. */
  static String token(String value) {
    String v = value.strip();
    if (v.length() <= SCHEME.length() || !v.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return null;
    }
    char separator = v.charAt(SCHEME.length());
    if (separator != ' ' && separator != '\t') {
      return null;
    }
    String token = v.substring(SCHEME.length() + 1).strip();
    return token.isEmpty() ? null : token;
  }
}
