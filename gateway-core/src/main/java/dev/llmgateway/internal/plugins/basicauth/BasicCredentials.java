package dev.llmgateway.internal.plugins.basicauth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A username and password read from an {@code Authorization} or {@code Proxy-Authorization} value the way Kong
 * reads it: the first {@code Basic <base64>} anywhere in the value, decoded, split at the first colon after a
 * non-empty username. The password stays raw bytes, since the client need not send UTF-8.
 */
record BasicCredentials(String username, byte[] password) {
  private static final Pattern BASIC = Pattern.compile("\\s*[Bb]asic\\s*(.+)", Pattern.UNIX_LINES);
  private static final Pattern PARTS = Pattern.compile("([^:]+):(.*)", Pattern.UNIX_LINES);

  /** The credentials in {@code headerValue}, or null when it holds none in Kong's format. */
  static BasicCredentials parse(String headerValue) {
    if (headerValue == null) {
      return null;
    }
    Matcher basic = BASIC.matcher(headerValue);
    if (!basic.find()) {
      return null;
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(basic.group(1));
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
    // ISO-8859-1 maps each byte to one char, so the regex splits bytes and the bytes come back unchanged.
    Matcher parts = PARTS.matcher(new String(decoded, StandardCharsets.ISO_8859_1));
    if (!parts.find()) {
      return null;
    }
    String username = new String(parts.group(1).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    return new BasicCredentials(username, parts.group(2).getBytes(StandardCharsets.ISO_8859_1));
  }

  @Override
  public String toString() {
    return "BasicCredentials[username=" + username + "]";
  }
}
