package dev.llmgateway.internal.route;

/**
 * The request-path normaliser Kong applies before routing: percent-decodes unreserved characters, uppercases the hex
 * of the other {@code %XX} triplets (so {@code %2F} stays encoded), removes {@code .} and {@code ..} segments (RFC 3986
 * 5.2.4) and merges duplicate slashes. The result is the one string both matching and the upstream path use, so a
 * path cannot be matched one way and forwarded another.
 */
public final class PathNormalizer {
  private PathNormalizer() {}

  /**
   * Normalises a raw request-target path (authority and query already removed; {@code ;} is an ordinary character).
   * Returns the input itself when it is already normal, or null when it must be answered with 400: it does not start
   * with {@code /}, has a malformed {@code %} escape, or climbs above the root ({@code /..}, {@code /a/../../b}).
   */
  public static String normalize(String rawPath) {
    return normalize(rawPath, false);
  }

  /**
   * The canonical form of a route's prefix path, as Kong suggests it in "non-normalized path, consider use '...'
   * instead": like {@link #normalize(String)}, except that {@code ..} at the root is dropped (RFC 3986) rather than
   * rejected. Null only for a path that does not start with {@code /} or has a malformed {@code %} escape.
   */
  public static String canonicalRoutePath(String path) {
    return normalize(path, true);
  }

  private static String normalize(String path, boolean clampAtRoot) {
    if (path == null || path.isEmpty() || path.charAt(0) != '/') {
      return null;
    }
    if (isNormal(path)) {
      return path;
    }
    char[] decoded = new char[path.length()];
    int length = decode(path, decoded);
    if (length < 0) {
      return null;
    }
    return removeDotSegments(decoded, length, clampAtRoot);
  }

  /** One cheap scan: true when nothing would change (the common case, which then allocates nothing). */
  private static boolean isNormal(String path) {
    int n = path.length();
    for (int i = 0; i < n; i++) {
      char c = path.charAt(i);
      if (c == '%') {
        if (i + 2 >= n) {
          return false;
        }
        char h = path.charAt(i + 1);
        char l = path.charAt(i + 2);
        if (!isUpperHex(h) || !isUpperHex(l) || isUnreserved((char) (hexValue(h) << 4 | hexValue(l)))) {
          return false;
        }
        i += 2;
      } else if (c == '/' && i + 1 < n) {
        char next = path.charAt(i + 1);
        if (next == '/' || (next == '.' && isDotSegmentAt(path, i + 1))) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether a segment starting at {@code start} is exactly {@code .} or {@code ..} (literal dots only). */
  private static boolean isDotSegmentAt(String path, int start) {
    int n = path.length();
    int end = start + 1;
    if (end < n && path.charAt(end) == '.') {
      end++;
    }
    return end == n || path.charAt(end) == '/';
  }

  /** Decodes unreserved escapes and uppercases the others into {@code out}; -1 when an escape is malformed. */
  private static int decode(String path, char[] out) {
    int n = path.length();
    int o = 0;
    for (int i = 0; i < n; i++) {
      char c = path.charAt(i);
      if (c != '%') {
        out[o++] = c;
        continue;
      }
      if (i + 2 >= n) {
        return -1;
      }
      int h = hexValue(path.charAt(i + 1));
      int l = hexValue(path.charAt(i + 2));
      if (h < 0 || l < 0) {
        return -1;
      }
      char value = (char) (h << 4 | l);
      if (isUnreserved(value)) {
        out[o++] = value;
      } else {
        out[o++] = '%';
        out[o++] = Character.toUpperCase(path.charAt(i + 1));
        out[o++] = Character.toUpperCase(path.charAt(i + 2));
      }
      i += 2;
    }
    return o;
  }

  /**
   * RFC 3986 5.2.4 over the decoded characters, merging empty segments on the way. Decoding never produces a
   * {@code /}, so segment boundaries are the client's literal slashes.
   */
  private static String removeDotSegments(char[] in, int length, boolean clampAtRoot) {
    char[] out = new char[length + 1];
    int o = 0;
    for (int start = 1; start <= length; ) {
      int end = start;
      while (end < length && in[end] != '/') {
        end++;
      }
      int segment = end - start;
      boolean dot = segment == 1 && in[start] == '.';
      boolean dotDot = segment == 2 && in[start] == '.' && in[start + 1] == '.';
      if (dotDot) {
        if (o == 0 && !clampAtRoot) {
          return null;
        }
        while (o > 0 && out[--o] != '/') {
          // drop the last output segment, its slash included
        }
      }
      if (dot || dotDot || segment == 0) {
        // a final ".", ".." or empty segment leaves the path ending with a slash; elsewhere they vanish
        if (end >= length) {
          out[o++] = '/';
        }
      } else {
        out[o++] = '/';
        System.arraycopy(in, start, out, o, segment);
        o += segment;
      }
      start = end + 1;
    }
    return o == 0 ? "/" : new String(out, 0, o);
  }

  private static boolean isUnreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }

  private static boolean isUpperHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
  }

  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }
}
