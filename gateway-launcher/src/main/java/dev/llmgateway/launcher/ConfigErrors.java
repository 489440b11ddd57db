package dev.llmgateway.launcher;

import dev.llmgateway.internal.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a Kong error body ({@code message} plus nested {@code fields}) as lines of {@code path: message}, such
 * as {@code services[0].routes[1].paths[0]: should start with: /}, for the terminal.
 */
final class ConfigErrors {
  private ConfigErrors() {}

  /** The message, then one indented line per field error; the raw body when it is not Kong JSON. */
  static String describe(String body) {
    Map<String, Object> json;
    try {
      json = Json.parseObject(body);
    } catch (RuntimeException e) {
      return body == null || body.isBlank() ? "(empty answer)" : body.strip();
    }
    StringBuilder out = new StringBuilder(String.valueOf(json.getOrDefault("message", "(no message)")));
    for (String line : lines(json.get("fields"))) {
      out.append(System.lineSeparator()).append("  ").append(line);
    }
    return out.toString();
  }

  /** The {@code path: message} lines of a Kong {@code fields} value. */
  static List<String> lines(Object fields) {
    List<String> out = new ArrayList<>();
    collect("", fields, out);
    return out;
  }

  private static void collect(String path, Object value, List<String> out) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> collect(path.isEmpty() ? String.valueOf(k) : path + "." + k, v, out));
    } else if (value instanceof List<?> list) {
      boolean allText = list.stream().allMatch(e -> e instanceof String);
      for (int i = 0; i < list.size(); i++) {
        Object e = list.get(i);
        if (e == null) {
          continue;
        }
        collect(allText && !path.isEmpty() && list.size() == 1 ? path : path + "[" + i + "]", e, out);
      }
    } else if (value != null) {
      out.add((path.isEmpty() ? "" : path + ": ") + value);
    }
  }
}
