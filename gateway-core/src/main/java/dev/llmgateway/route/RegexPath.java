package dev.llmgateway.route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A route's {@code ~} regex path: matched from the start of the normalised path but not to its end (Kong adds
 * {@code ^} only), exposing its capture groups by name and by number.
 */
final class RegexPath {
  private final Pattern pattern;
  private final String[] groupNames;

  private RegexPath(Pattern pattern, String[] groupNames) {
    this.pattern = pattern;
    this.groupNames = groupNames;
  }

  /** Compiles a validated route path starting with {@code ~}. */
  static RegexPath compile(String routePath) {
    String source = routePath.substring(1);
    Pattern pattern = Pattern.compile(source);
    List<String> names = new ArrayList<>();
    for (String candidate : candidateNames(source)) {
      if (isGroupName(source, candidate) && !names.contains(candidate)) {
        names.add(candidate);
      }
    }
    return new RegexPath(pattern, names.toArray(String[]::new));
  }

  /** A matcher positioned on a match at the start of {@code path}, or null. */
  Matcher match(String path) {
    Matcher m = pattern.matcher(path);
    return m.lookingAt() ? m : null;
  }

  /** Named groups under their names and numbered groups under "1", "2"...; groups that took no part are absent. */
  Map<String, String> captures(Matcher m) {
    if (m.groupCount() == 0) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : groupNames) {
      String v = m.group(name);
      if (v != null) {
        out.put(name, v);
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

  /** Every {@code (?<name>} in the source, skipping escapes and character classes; verified afterwards. */
  private static List<String> candidateNames(String source) {
    List<String> names = new ArrayList<>();
    int n = source.length();
    int classDepth = 0;
    for (int i = 0; i < n; i++) {
      char c = source.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        classDepth++;
      } else if (c == ']' && classDepth > 0) {
        classDepth--;
      } else if (classDepth == 0 && source.startsWith("(?<", i) && i + 3 < n
          && Character.isLetter(source.charAt(i + 3))) {
        int end = i + 3;
        while (end < n && Character.isLetterOrDigit(source.charAt(end))) {
          end++;
        }
        names.add(source.substring(i + 3, end));
      }
    }
    return names;
  }

  /** Java 17 cannot list a pattern's group names; redefining a name it already has is a syntax error, which tells. */
  private static boolean isGroupName(String source, String name) {
    try {
      Pattern.compile("(?:" + source + ")|(?<" + name + ">)");
      return false;
    } catch (PatternSyntaxException e) {
      return true;
    }
  }
}
