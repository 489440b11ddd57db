package dev.llmgateway.internal.plugins.aiproxy;

import dev.llmgateway.plugin.ClientRequest;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kong's {@code $(source.key)} in {@code model.name}: the value of a request header or query parameter. The
 * error texts are Kong's (answered as 400).
 */
final class ModelTemplate {
  private static final Pattern EXPR = Pattern.compile("\\$\\((.*?)\\)");

  private ModelTemplate() {}

  /** Thrown with Kong's message when a template cannot be resolved. */
  static final class Unresolved extends Exception {
    Unresolved(String message) {
      super(message, null, false, false);
    }
  }

  static String resolve(String value, ClientRequest request) throws Unresolved {
    if (value == null || !value.contains("$(")) {
      return value;
    }
    Matcher m = EXPR.matcher(value);
    if (!m.find()) {
      return value;
    }
    String expr = m.group(1);
    int dot = expr.indexOf('.');
    if (dot <= 0 || dot == expr.length() - 1) {
      throw new Unresolved("cannot parse expression for field '" + value + "'");
    }
    String source = expr.substring(0, dot);
    String key = expr.substring(dot + 1);
    String found = switch (source) {
      case "headers" -> request.headers().first(key);
      case "query_params" -> {
        List<String> values = request.queryParams(key);
        yield values.isEmpty() ? null : values.get(0);
      }
      default -> throw new Unresolved("source '" + source + "' is not supported");
    };
    if (found == null) {
      throw new Unresolved(source + " key " + key + " was not provided");
    }
    return value.substring(0, m.start()) + found + value.substring(m.end());
  }
}
