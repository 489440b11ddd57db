package dev.llmgateway.internal.admin;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoded segments of an Admin API path. {@code +} stays {@code +} (a path is not a form), and bytes that
 * are not UTF-8 are kept as lone surrogates U+DC80..U+DCFF (Python's "surrogateescape") rather than replaced by
 * U+FFFD, so that field checks can answer Kong's "invalid utf-8 character sequence detected at position N".
 */
final class PathSegments {
  private PathSegments() {}

  /** Decoded segments, one trailing slash tolerated; null when the path has empty segments. */
  static List<String> of(String rawPath) {
    String path = rawPath;
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    List<String> out = new ArrayList<>();
    if (path.equals("/") || path.isEmpty()) {
      return out;
    }
    String[] parts = path.substring(path.startsWith("/") ? 1 : 0).split("/", -1);
    for (String part : parts) {
      if (part.isEmpty()) {
        return null;
      }
      out.add(decode(part));
    }
    return out;
  }

  /** Percent-decodes one segment; a {@code %} not followed by two hex digits is kept as it is. */
  static String decode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
    int i = 0;
    while (i < segment.length()) {
      char c = segment.charAt(i);
      if (c == '%' && i + 2 < segment.length() && hex(segment.charAt(i + 1)) >= 0
          && hex(segment.charAt(i + 2)) >= 0) {
        bytes.write(hex(segment.charAt(i + 1)) * 16 + hex(segment.charAt(i + 2)));
        i += 3;
      } else {
        int codePoint = segment.codePointAt(i);
        bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(codePoint);
      }
    }
    return utf8(bytes.toByteArray());
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }

  /** UTF-8 text, each byte of a malformed sequence becoming the lone surrogate U+DC00 + byte. */
  private static String utf8(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    // at most one char per byte: an escaped byte is one char, and a 4-byte sequence two
    CharBuffer out = CharBuffer.allocate(bytes.length);
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        for (int n = 0; n < result.length(); n++) {
          out.put((char) (0xDC00 | (in.get() & 0xFF)));
        }
      } else {
        decoder.flush(out);
        return out.flip().toString();
      }
    }
  }
}
