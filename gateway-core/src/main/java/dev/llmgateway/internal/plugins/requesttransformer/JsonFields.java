package dev.llmgateway.internal.plugins.requesttransformer;

import dev.llmgateway.internal.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The top-level fields of a JSON object body, edited as Kong's request-transformer edits them: every value set is
 * a string, and appending turns a string into an array of two and pushes onto an array.
 */
final class JsonFields {
  private JsonFields() {}

  /** The object in {@code text}, or null when it is no JSON object (Kong then leaves the body alone). */
  static Map<String, Object> parse(String text) {
    if (text.isBlank()) {
      return new LinkedHashMap<>();
    }
    try {
      Object v = Json.parse(text);
      return v instanceof Map<?, ?> m ? copy(m) : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copy(Map<?, ?> m) {
    return new LinkedHashMap<>((Map<String, Object>) m);
  }

  static void apply(Map<String, Object> json, Operation op, List<Pair> entries) {
    for (Pair p : entries) {
      switch (op) {
        case REMOVE -> json.remove(p.name());
        case RENAME -> {
          if (json.containsKey(p.name())) {
            json.put(p.value(), json.remove(p.name()));
          }
        }
        case REPLACE -> {
          if (json.containsKey(p.name())) {
            json.put(p.name(), p.value());
          }
        }
        case ADD -> {
          if (!json.containsKey(p.name())) {
            json.put(p.name(), p.value());
          }
        }
        case APPEND -> json.put(p.name(), JsonAppend.appended(json.get(p.name()), p.value()));
        default -> throw new IllegalStateException(op.name());
      }
    }
  }
}
