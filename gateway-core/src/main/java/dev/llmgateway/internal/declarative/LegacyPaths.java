package dev.llmgateway.internal.declarative;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Format versions before 3.0 had no {@code ~} prefix for regex route paths; like Kong, paths of such files that
 * use characters outside a plain path's alphabet are taken as regexes and get the prefix.
 */
final class LegacyPaths {
  private static final Pattern PLAIN = Pattern.compile("^[A-Za-z0-9._~/%\\-]*$");

  private LegacyPaths() {}

  static void migrate(List<Declared> all) {
    for (Declared d : all) {
      if (!"routes".equals(d.type.name()) || !(d.values.get("paths") instanceof List<?> paths)) {
        continue;
      }
      List<Object> migrated = new ArrayList<>(paths.size());
      for (Object p : paths) {
        if (p instanceof String s && !s.startsWith("~") && !PLAIN.matcher(s).matches()) {
          migrated.add("~" + s);
        } else {
          migrated.add(p);
        }
      }
      d.values.put("paths", migrated);
    }
  }
}
