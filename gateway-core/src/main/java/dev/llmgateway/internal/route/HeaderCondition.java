package dev.llmgateway.internal.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One entry of a route's {@code headers}: the request must carry the header with a value equal (ignoring case) to
 * one of the plain values, or matched by one of the {@code ~*} values: regexes in Kong's dialect ({@link KongRegex})
 * searched anywhere in the value, both lower-cased first (as Kong's ATC router does).
 */
final class HeaderCondition {
  private final String name;
  private final String[] plain;
  private final Pattern[] regexes;

  private HeaderCondition(String name, String[] plain, Pattern[] regexes) {
    this.name = name;
    this.plain = plain;
    this.regexes = regexes;
  }

  static HeaderCondition of(String name, List<String> values) {
    List<String> plain = new ArrayList<>();
    List<Pattern> regexes = new ArrayList<>();
    for (String v : values) {
      if (v.startsWith("~*")) {
        regexes.add(KongRegex.compileHeader(v.substring(2)).pattern());
      } else {
        plain.add(v.toLowerCase(Locale.ROOT));
      }
    }
    return new HeaderCondition(name.toLowerCase(Locale.ROOT), plain.toArray(String[]::new),
        regexes.toArray(Pattern[]::new));
  }

  boolean matches(RouteRequest request) {
    List<String> values = request.headerValues(name);
    for (int i = 0, n = values.size(); i < n; i++) {
      if (matchesValue(values.get(i))) {
        return true;
      }
    }
    return false;
  }

  private boolean matchesValue(String value) {
    for (String p : plain) {
      if (p.equalsIgnoreCase(value)) {
        return true;
      }
    }
    if (regexes.length > 0) {
      // Kong lower-cases the regex and the value (not a case-insensitive match: \D turns into \d).
      String lower = value.toLowerCase(Locale.ROOT);
      for (Pattern r : regexes) {
        if (r.matcher(lower).find()) {
          return true;
        }
      }
    }
    return false;
  }
}
