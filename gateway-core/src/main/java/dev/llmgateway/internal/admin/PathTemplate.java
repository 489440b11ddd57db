package dev.llmgateway.internal.admin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One path the Admin API serves, spelled as Kong's {@code GET /endpoints} spells it: literal segments and
 * {@code {placeholders}}, as in {@code /services/{services}/routes}.
 */
record PathTemplate(List<String> segments) {
  PathTemplate {
    segments = List.copyOf(segments);
  }

  /** {@code "/"} is the root; otherwise segments separated by {@code /}. */
  static PathTemplate parse(String path) {
    if (path.equals("/")) {
      return new PathTemplate(List.of());
    }
    return new PathTemplate(Arrays.asList(path.substring(1).split("/")));
  }

  private static boolean isPlaceholder(String segment) {
    return segment.startsWith("{") && segment.endsWith("}");
  }

  /** The values in the placeholders' places, in order, when {@code path} (decoded segments) fits; else null. */
  List<String> match(List<String> path) {
    if (path.size() != segments.size()) {
      return null;
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      if (isPlaceholder(segment)) {
        values.add(path.get(i));
      } else if (!segment.equals(path.get(i))) {
        return null;
      }
    }
    return values;
  }

  /** How many segments are placeholders: the fewer, the more specific the template. */
  int placeholders() {
    return (int) segments.stream().filter(PathTemplate::isPlaceholder).count();
  }

  @Override
  public String toString() {
    return "/" + String.join("/", segments);
  }
}
