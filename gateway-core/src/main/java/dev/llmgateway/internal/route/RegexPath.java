package dev.llmgateway.internal.route;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A route's {@code ~} regex path: matched from the start of the normalised path but not to its end (Kong adds
 * {@code ^} only), exposing its capture groups by name and by number.
 */
final class RegexPath {
  private final Pattern pattern;
  private final Map<String, String> groupNames;

  private RegexPath(Pattern pattern, Map<String, String> groupNames) {
    this.pattern = pattern;
    this.groupNames = groupNames;
  }

  /** Compiles a validated route path starting with {@code ~}, in Kong's dialect ({@link KongRegex}). */
  static RegexPath compile(String routePath) {
    KongRegex regex = KongRegex.compile(routePath.substring(1));
    return new RegexPath(regex.pattern(), regex.groupNames());
  }

  /** A matcher positioned on a match at the start of {@code path}, or null. */
  Matcher match(String path) {
    Matcher m = pattern.matcher(path);
    return m.lookingAt() ? m : null;
  }

  /**
   * Named groups under their names as written in the route (not the Java names they were compiled under) and
   * numbered groups under "1", "2"...; groups that took no part are absent.
   */
  Map<String, String> captures(Matcher m) {
    if (m.groupCount() == 0) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> name : groupNames.entrySet()) {
      String v = m.group(name.getKey());
      if (v != null) {
        out.put(name.getValue(), v);
      }
    }
    for (int i = 1; i <= m.groupCount(); i++) {
      String v = m.group(i);
      if (v != null) {
        out.put(Integer.toString(i), v);
      }
    }
    return out;
  }
}
