package dev.llmgateway.internal.form;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parts of a {@code multipart/form-data} body with their byte spans, so that a reader can take field values
 * (the Admin API's {@code curl -F}) and a plugin can cut fields out keeping every other byte (key-auth's
 * {@code hide_credentials}). Parsing never throws; CRLF and bare LF line breaks are both accepted.
 *
 * @param parts the parts before the closing delimiter, or before the first one that could not be read
 * @param complete whether the closing delimiter was reached with every part readable
 */
public record MultipartBody(List<Part> parts, boolean complete) {
  /** More parts than any form a client or curl sends; a body with more is read up to here and not complete. */
  public static final int MAX_PARTS = 1000;
  /** RFC 2046: 1 to 70 characters from a small set, the last one not a space. */
  private static final java.util.regex.Pattern BOUNDARY = java.util.regex.Pattern.compile(
      "[0-9A-Za-z'()+_,\\-./:=? ]{0,69}[0-9A-Za-z'()+_,\\-./:=?]");

  /**
   * One part.
   *
   * @param name the {@code name} of its Content-Disposition, null when it has none
   * @param file whether it carries a {@code filename} (a file upload rather than a form field)
   * @param start where its delimiter begins
   * @param end where the next delimiter begins
   * @param contentStart where its content begins (after its headers)
   * @param contentEnd where its content ends (before the line break that precedes the next delimiter)
   */
  public record Part(String name, boolean file, int start, int end, int contentStart, int contentEnd) {
    /** The content as UTF-8 text. */
    public String text(byte[] body) {
      return new String(body, contentStart, contentEnd - contentStart, StandardCharsets.UTF_8);
    }
  }

  /**
   * The {@code boundary} parameter of a multipart content type, unquoted; null when absent or not a boundary RFC
   * 2046 allows (a longer one would make each delimiter search cost more).
   */
  public static String boundary(String contentType) {
    String b = parameter(contentType, "boundary");
    return b == null || !BOUNDARY.matcher(b).matches() ? null : b;
  }

  /** The parts of {@code body} delimited by {@code boundary}; no parts when the boundary is null. */
  public static MultipartBody parse(byte[] body, String boundary) {
    List<Part> parts = new ArrayList<>();
    if (boundary == null) {
      return new MultipartBody(parts, false);
    }
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int at = indexOf(body, delimiter, 0);
    while (at >= 0 && parts.size() < MAX_PARTS) {
      int afterDelimiter = at + delimiter.length;
      if (afterDelimiter + 2 <= body.length && body[afterDelimiter] == '-' && body[afterDelimiter + 1] == '-') {
        return new MultipartBody(List.copyOf(parts), true);
      }
      int headersStart = skipLineBreak(body, afterDelimiter);
      int next = indexOf(body, delimiter, headersStart);
      if (next < 0) {
        break;
      }
      Part part = part(body, at, headersStart, next);
      if (part == null) {
        break;
      }
      parts.add(part);
      at = next;
    }
    return new MultipartBody(List.copyOf(parts), false);
  }

  private static Part part(byte[] body, int start, int headersStart, int next) {
    int contentEnd = next;
    if (contentEnd - 2 >= headersStart && body[contentEnd - 2] == '\r' && body[contentEnd - 1] == '\n') {
      contentEnd -= 2;
    } else if (contentEnd - 1 >= headersStart && body[contentEnd - 1] == '\n') {
      contentEnd -= 1;
    }
    // The headers end at the first empty line, looked for inside this part only: searching the rest of the body
    // for every part would make a body of many small parts cost quadratic time.
    int headersEnd = -1;
    int contentStart = -1;
    if (body[headersStart] == '\n' || body[headersStart] == '\r' && headersStart + 1 < next
        && body[headersStart + 1] == '\n') {
      headersEnd = headersStart; // no headers at all
      contentStart = headersStart + (body[headersStart] == '\n' ? 1 : 2);
    }
    for (int i = headersStart; headersEnd < 0 && i < contentEnd; i++) {
      if (body[i] != '\n') {
        continue;
      }
      int lineEnd = i > headersStart && body[i - 1] == '\r' ? i - 1 : i;
      if (i + 1 < next && body[i + 1] == '\n') {
        headersEnd = lineEnd;
        contentStart = i + 2;
      } else if (i + 2 < next && body[i + 1] == '\r' && body[i + 2] == '\n') {
        headersEnd = lineEnd;
        contentStart = i + 3;
      }
    }
    if (headersEnd < 0 || contentStart > contentEnd) {
      return null;
    }
    String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
    for (String line : headers.split("\r?\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
        boolean file = parameter(line, "filename") != null || parameter(line, "filename*") != null;
        return new Part(parameter(line, "name"), file, start, next, contentStart, contentEnd);
      }
    }
    return new Part(null, false, start, next, contentStart, contentEnd);
  }

  /** A {@code key=value} parameter of a header value, its quotes removed; null when absent. */
  private static String parameter(String header, String key) {
    for (String param : header.split(";")) {
      String p = param.trim();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase(key)) {
        String v = p.substring(eq + 1).trim();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
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
