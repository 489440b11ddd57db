package dev.llmgateway.admin;

import dev.llmgateway.store.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a {@code multipart/form-data} body into name/value pairs — what {@code curl -F name=value} and
 * {@code curl -F config=@kong.yml} send. Each part's content is taken as UTF-8 text; parts without a name are
 * ignored.
 */
final class MultipartForm {
  private MultipartForm() {}

  /** The boundary parameter of a multipart content type, or null. */
  static String boundary(String contentType) {
    for (String param : contentType.split(";")) {
      String p = param.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        String b = p.substring("boundary=".length()).trim();
        if (b.length() >= 2 && (b.startsWith("\"") && b.endsWith("\"") || b.startsWith("'") && b.endsWith("'"))) {
          b = b.substring(1, b.length() - 1);
        }
        return b.isEmpty() ? null : b;
      }
    }
    return null;
  }

  /** The parts of {@code body}; an unreadable body yields what could be read (often nothing). */
  static List<Map.Entry<String, Object>> pairs(byte[] body, String boundary) {
    List<Map.Entry<String, Object>> out = new ArrayList<>();
    if (boundary == null) {
      return out;
    }
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int at = indexOf(body, delimiter, 0);
    while (at >= 0) {
      int partStart = at + delimiter.length;
      if (partStart + 2 <= body.length && body[partStart] == '-' && body[partStart + 1] == '-') {
        break;
      }
      partStart = skipLineBreak(body, partStart);
      int next = indexOf(body, delimiter, partStart);
      if (next < 0) {
        break;
      }
      int partEnd = next;
      if (partEnd >= 2 && body[partEnd - 2] == '\r' && body[partEnd - 1] == '\n') {
        partEnd -= 2;
      } else if (partEnd >= 1 && body[partEnd - 1] == '\n') {
        partEnd -= 1;
      }
      addPart(body, partStart, partEnd, out);
      at = next;
    }
    return out;
  }

  private static void addPart(byte[] body, int start, int end, List<Map.Entry<String, Object>> out) {
    int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
    int contentStart = headersEnd + 4;
    if (headersEnd < 0 || headersEnd > end) {
      headersEnd = indexOf(body, "\n\n".getBytes(StandardCharsets.ISO_8859_1), start);
      contentStart = headersEnd + 2;
      if (headersEnd < 0 || headersEnd > end) {
        return;
      }
    }
    String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
    String name = null;
    for (String line : headers.split("\r?\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
        name = parameter(line, "name");
      }
    }
    if (name == null) {
      return;
    }
    if (out.size() >= FormDecoder.MAX_ARGS) {
      throw ApiError.message(400, "Too many arguments");
    }
    out.add(Map.entry(name, new String(body, contentStart, Math.max(0, end - contentStart), StandardCharsets.UTF_8)));
  }

  private static String parameter(String header, String key) {
    for (String param : header.split(";")) {
      String p = param.trim();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase(key)) {
        String v = p.substring(eq + 1).trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        return v;
      }
    }
    return null;
  }

  private static int skipLineBreak(byte[] body, int i) {
    if (i + 1 < body.length && body[i] == '\r' && body[i + 1] == '\n') {
      return i + 2;
    }
    return i < body.length && body[i] == '\n' ? i + 1 : i;
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
