package dev.llmgateway.internal.plugins.responsetransformer;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.plugins.requesttransformer.JsonAppend;
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
  /**
   * One {@code name:value} entry split once: {@code text} is the value as written, {@code value} the JSON value
   * its {@code json_types} type makes of it (null: Kong skips it).
   */
  record Entry(String name, String text, Object value) {
    static List<Entry> all(List<String> entries) {
      return typed(entries, List.of());
    }

    static List<Entry> typed(List<String> entries, List<String> types) {
      List<Entry> out = new ArrayList<>(entries.size());
      for (int i = 0; i < entries.size(); i++) {
        String[] p = pair(entries.get(i));
        String type = i < types.size() ? types.get(i) : "string";
        out.add(new Entry(p[0], p[1], JsonBody.typed(p[1], type)));
      }
      return List.copyOf(out);
    }
  }

  private final List<String> remove;
  private final List<Entry> rename;
  private final List<Entry> replace;
  private final List<Entry> add;
  private final List<Entry> append;

  JsonBody(ResponseTransformerConfig conf) {
    this.remove = conf.remove().json();
    this.rename = Entry.all(conf.rename().json());
    this.replace = Entry.typed(conf.replace().json(), conf.replace().jsonTypes());
    this.add = Entry.typed(conf.add().json(), conf.add().jsonTypes());
    this.append = Entry.typed(conf.append().json(), conf.append().jsonTypes());
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
    for (String n : remove) {
      json.remove(n);
    }
    for (Entry p : rename) {
      if (json.containsKey(p.name())) {
        json.put(p.text(), json.remove(p.name()));
      }
    }
    values(json, replace, Op.REPLACE);
    values(json, add, Op.ADD);
    values(json, append, Op.APPEND);
    return Json.write(json).getBytes(StandardCharsets.UTF_8);
  }

  private enum Op { REPLACE, ADD, APPEND }

  private static void values(Map<String, Object> json, List<Entry> entries, Op op) {
    for (Entry p : entries) {
      Object value = p.value();
      if (value == null) {
        continue; // Kong skips a value its type cannot hold
      }
      Object current = json.get(p.name());
      switch (op) {
        case REPLACE -> {
          if (json.containsKey(p.name()) && !Boolean.FALSE.equals(current)) {
            json.put(p.name(), value);
          }
        }
        case ADD -> {
          if (!json.containsKey(p.name()) || Boolean.FALSE.equals(current)) {
            json.put(p.name(), value);
          }
        }
        case APPEND -> json.put(p.name(), JsonAppend.appended(current, value));
        default -> throw new IllegalStateException(op.name());
      }
    }
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
