package dev.llmgateway.internal.plugins.jwt;

import java.util.Base64;

/**
 * Kong's jwt base64 decoding: pads to a multiple of four, maps the URL alphabet to the standard one (so both
 * alphabets are accepted), then decodes; null when the text is not base64.
 */
final class Base64Url {
  private Base64Url() {}

  static byte[] decode(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder s = new StringBuilder(text.length() + 3);
    s.append(text.replace('-', '+').replace('_', '/'));
    while (s.length() % 4 != 0) {
      s.append('=');
    }
    try {
      return Base64.getDecoder().decode(s.toString());
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }
}
