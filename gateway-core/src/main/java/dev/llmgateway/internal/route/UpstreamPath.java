package dev.llmgateway.internal.route;

import dev.llmgateway.entity.Route;

/**
 * Kong's upstream path: the request path with the matched prefix stripped (when {@code strip_path} is on) joined to
 * the service path, by the rules of {@code path_handling} {@code v0} (the default) or {@code v1}. The query string is
 * not part of it; the proxy appends the client's unchanged.
 */
final class UpstreamPath {
  private UpstreamPath() {}

  /**
   * Joins for a matched request.
   *
   * @param servicePath the service's path; null means {@code /}
   * @param path the normalised request path
   * @param matchedPrefix the route path or the regex's matched text; null when the route has no paths
   */
  static String join(Route route, String servicePath, String path, String matchedPrefix) {
    String base = servicePath == null ? "/" : servicePath;
    boolean strip = route.stripPath();
    String postfix = strip && matchedPrefix != null ? path.substring(matchedPrefix.length()) : path.substring(1);
    postfix = sanitizePostfix(postfix);
    return "v1".equals(route.pathHandling()) ? v1(base, strip, postfix, path) : v0(base, strip, postfix, path);
  }

  /** A postfix that is, or starts with, a dot segment loses it: {@code /route../req} strips to {@code req}. */
  static String sanitizePostfix(String postfix) {
    if (postfix.equals(".") || postfix.equals("..")) {
      return "";
    }
    if (postfix.startsWith("./")) {
      return postfix.substring(2);
    }
    if (postfix.startsWith("../")) {
      return postfix.substring(3);
    }
    return postfix;
  }

  static String v0(String base, boolean strip, String postfix, String path) {
    if (endsWithSlash(base)) {
      if (!strip) {
        return base + path.substring(1);
      }
      if (postfix.isEmpty()) {
        if (base.equals("/") || endsWithSlash(path)) {
          return base;
        }
        return withoutLastChar(base);
      }
      return startsWithSlash(postfix) ? withoutLastChar(base) + postfix : base + postfix;
    }
    if (!strip) {
      return path.equals("/") ? base : base + path;
    }
    if (postfix.isEmpty()) {
      return path.length() > 1 && endsWithSlash(path) ? base + "/" : base;
    }
    return startsWithSlash(postfix) ? base + postfix : base + "/" + postfix;
  }

  static String v1(String base, boolean strip, String postfix, String path) {
    if (!strip) {
      return base + path.substring(1);
    }
    if (endsWithSlash(base) && startsWithSlash(postfix)) {
      return withoutLastChar(base) + postfix;
    }
    return base + postfix;
  }

  private static boolean endsWithSlash(String s) {
    return !s.isEmpty() && s.charAt(s.length() - 1) == '/';
  }

  private static boolean startsWithSlash(String s) {
    return !s.isEmpty() && s.charAt(0) == '/';
  }

  private static String withoutLastChar(String s) {
    return s.substring(0, s.length() - 1);
  }
}
