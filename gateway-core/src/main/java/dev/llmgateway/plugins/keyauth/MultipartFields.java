package dev.llmgateway.plugins.keyauth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The form fields of a {@code multipart/form-data} body (parts with a {@code name} and no file name); removing
 * one cuts its parts out and keeps every other byte.
 */
final class MultipartFields implements BodyFields {
  private static final Pattern BOUNDARY = Pattern.compile("(?i);\\s*boundary=(\"([^\"]+)\"|([^;\\s]+))");
  private static final Pattern NAME = Pattern.compile("(?i);\\s*name=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("(?i);\\s*filename\\*?=");

  private final byte[] body;
  private final List<Part> parts;
  private final Map<String, Object> values;

  private MultipartFields(byte[] body, List<Part> parts, Map<String, Object> values) {
    this.body = body;
    this.parts = parts;
    this.values = values;
  }

  /** A part: its field name (null for files) and the bytes it spans, from its delimiter to the next one. */
  private record Part(String name, int start, int end) {}

  static BodyFields parse(String contentType, byte[] body) {
    Matcher m = BOUNDARY.matcher(contentType);
    if (!m.find()) {
      return NONE;
    }
    byte[] delimiter = ("--" + (m.group(2) != null ? m.group(2) : m.group(3))).getBytes(StandardCharsets.ISO_8859_1);
    List<Part> parts = new ArrayList<>();
    Map<String, Object> values = new LinkedHashMap<>();
    int at = indexOf(body, delimiter, 0);
    while (at >= 0) {
      int headersStart = at + delimiter.length;
      if (headersStart + 1 < body.length && body[headersStart] == '-' && body[headersStart + 1] == '-') {
        break;
      }
      int next = indexOf(body, delimiter, headersStart);
      if (next < 0) {
        return NONE;
      }
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
      if (headersEnd < 0 || headersEnd > next) {
        return NONE;
      }
      String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
      String name = fieldName(headers);
      int contentEnd = next >= 2 && body[next - 2] == '\r' && body[next - 1] == '\n' ? next - 2 : next;
      int contentStart = headersEnd + 4;
      if (name != null) {
        String value = new String(body, contentStart, Math.max(0, contentEnd - contentStart), StandardCharsets.UTF_8);
        values.merge(name, value, MultipartFields::more);
      }
      parts.add(new Part(name, at, next));
      at = next;
    }
    return new MultipartFields(body, parts, values);
  }

  private static String fieldName(String headers) {
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
        Matcher name = NAME.matcher(line);
        return name.find() && !FILENAME.matcher(line).find() ? name.group(1) : null;
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static Object more(Object existing, Object added) {
    List<Object> list = existing instanceof List<?> l ? (List<Object>) l : new ArrayList<>(List.of(existing));
    list.add(added);
    return list;
  }

  static int indexOf(byte[] haystack, byte[] needle, int from) {
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

  @Override
  public Object value(String name) {
    return values.get(name);
  }

  @Override
  public byte[] without(String name) {
    if (!values.containsKey(name)) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
    int copied = 0;
    for (Part p : parts) {
      if (name.equals(p.name())) {
        out.write(body, copied, p.start() - copied);
        copied = p.end();
      }
    }
    out.write(body, copied, body.length - copied);
    return out.toByteArray();
  }
}
