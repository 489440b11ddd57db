package dev.llmgateway.plugins.responsetransformer;

import dev.llmgateway.json.Json;
import dev.llmgateway.plugins.responsetransformer.ResponseTransformerConfig.Names;
import dev.llmgateway.plugins.responsetransformer.ResponseTransformerConfig.Values;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Kong's response-transformer {@code body_filter} on a whole JSON object body: top-level fields only; replace
 * needs a present value that is not {@code false}, add an absent or {@code false} one; values are strings unless
 * {@code json_types} makes them numbers or booleans. A body that is no JSON object passes unchanged.
 */
final class JsonBody {
  private final ResponseTransformerConfig conf;

  JsonBody(ResponseTransformerConfig conf) {
    this.conf = conf;
  }

  /** Kong's test for a JSON response: {@code application/json} or a {@code +json} type, in a comma list too. */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    for (String part : contentType.toLowerCase(Locale.ROOT).split(",")) {
      int semi = part.indexOf(';');
      String type = (semi < 0 ? part : part.substring(0, semi)).strip();
      if (type.equals("application/json") || (type.endsWith("+json") && type.indexOf('/') > 0)) {
        return true;
      }
    }
    return false;
  }

  /** The body with Kong's JSON operations applied; a body that is no JSON object comes back as it is. */
  byte[] rewrite(byte[] body) {
    Map<String, Object> json;
    try {
      Object parsed = Json.parse(new String(body, StandardCharsets.UTF_8));
      if (!(parsed instanceof Map<?, ?> m)) {
        return body;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) m);
      json = copy;
    } catch (RuntimeException e) {
      return body;
    }
    remove(json, conf.remove());
    rename(json, conf.rename());
    values(json, conf.replace(), Op.REPLACE);
    values(json, conf.add(), Op.ADD);
    values(json, conf.append(), Op.APPEND);
    return Json.write(json).getBytes(StandardCharsets.UTF_8);
  }

  private enum Op { REPLACE, ADD, APPEND }

  private static void remove(Map<String, Object> json, Names names) {
    for (String n : names.json()) {
      json.remove(n);
    }
  }

  private static void rename(Map<String, Object> json, Names names) {
    for (String entry : names.json()) {
      String[] p = pair(entry);
      if (json.containsKey(p[0])) {
        json.put(p[1], json.remove(p[0]));
      }
    }
  }

  private static void values(Map<String, Object> json, Values values, Op op) {
    List<String> entries = values.json();
    for (int i = 0; i < entries.size(); i++) {
      String[] p = pair(entries.get(i));
      String type = i < values.jsonTypes().size() ? values.jsonTypes().get(i) : "string";
      Object value = typed(p[1], type);
      if (value == null) {
        continue; // Kong skips a value its type cannot hold
      }
      Object current = json.get(p[0]);
      switch (op) {
        case REPLACE -> {
          if (json.containsKey(p[0]) && !Boolean.FALSE.equals(current)) {
            json.put(p[0], value);
          }
        }
        case ADD -> {
          if (!json.containsKey(p[0]) || Boolean.FALSE.equals(current)) {
            json.put(p[0], value);
          }
        }
        case APPEND -> json.put(p[0], appended(current, value));
        default -> throw new IllegalStateException(op.name());
      }
    }
  }

  private static Object appended(Object current, Object value) {
    if (current instanceof String s) {
      return new ArrayList<>(List.of(s, value));
    }
    if (current instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l);
      out.add(value);
      return out;
    }
    return new ArrayList<>(List.of(value));
  }

  private static Object typed(String text, String type) {
    switch (type) {
      case "boolean":
        return "true".equals(text);
      case "number":
        try {
          return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
          try {
            double d = Double.parseDouble(text.strip());
            return Double.isFinite(d) ? d : null;
          } catch (NumberFormatException e2) {
            return null;
          }
        }
      default:
        return text;
    }
  }

  /** {@code name:value} split at the first colon, repeated colons skipped. */
  static String[] pair(String entry) {
    int colon = entry.indexOf(':');
    if (colon < 0) {
      return new String[] {entry, ""};
    }
    int start = colon;
    while (start < entry.length() && entry.charAt(start) == ':') {
      start++;
    }
    return new String[] {entry.substring(0, colon), entry.substring(start)};
  }
}
