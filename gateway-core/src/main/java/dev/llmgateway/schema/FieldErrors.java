package dev.llmgateway.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kong-shaped validation errors for one record: per field a message, a nested record's errors, or per-element
 * errors of an array; plus {@code @entity} errors. Renders both Kong's {@code fields} object and its message.
 */
public final class FieldErrors {
  static final String ENTITY = "@entity";

  private final Map<String, Object> byField = new TreeMap<>();
  private final List<String> entity = new ArrayList<>();

  public boolean isEmpty() {
    return byField.isEmpty() && entity.isEmpty();
  }

  /**
   * Records a message for a field (the first one wins, as in Kong). A record or foreign-key field that validated
   * cleanly leaves an empty nested entry behind; a message for the whole field replaces it.
   */
  public FieldErrors put(String field, String message) {
    Object existing = byField.get(field);
    if (existing == null || (existing instanceof FieldErrors f && f.prune().isEmpty())) {
      byField.put(field, message);
    }
    return this;
  }

  /** Records an error of the element at a 0-based index of an array or set field. */
  @SuppressWarnings("unchecked")
  public FieldErrors element(String field, int index, Object messageOrErrors) {
    Object existing = byField.get(field);
    Map<Integer, Object> elements;
    if (existing instanceof ElementErrors e) {
      elements = e.byIndex;
    } else if (existing == null) {
      ElementErrors e = new ElementErrors();
      byField.put(field, e);
      elements = e.byIndex;
    } else {
      return this;
    }
    elements.putIfAbsent(index, messageOrErrors);
    return this;
  }

  /** The errors of a nested record field, created on first use. */
  public FieldErrors nested(String field) {
    Object existing = byField.get(field);
    if (existing instanceof FieldErrors f) {
      return f;
    }
    FieldErrors f = new FieldErrors();
    if (existing == null) {
      byField.put(field, f);
    }
    return f;
  }

  /** Records an entity-level error ({@code @entity}). */
  public FieldErrors entity(String message) {
    if (!entity.contains(message)) {
      entity.add(message);
    }
    return this;
  }

  /** Drops nested records that ended up without errors. */
  FieldErrors prune() {
    byField.values().removeIf(v -> v instanceof FieldErrors f && f.prune().isEmpty());
    return this;
  }

  /** Kong's {@code fields} object: messages, nested objects, element arrays (with nulls) and {@code @entity}. */
  public Map<String, Object> toJson() {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    if (!entity.isEmpty()) {
      out.put(ENTITY, List.copyOf(entity));
    }
    byField.forEach((k, v) -> out.put(k, json(v)));
    return out;
  }

  private static Object json(Object v) {
    if (v instanceof FieldErrors f) {
      return f.toJson();
    }
    if (v instanceof ElementErrors e) {
      int max = e.byIndex.isEmpty() ? -1 : Collections.max(e.byIndex.keySet());
      List<Object> list = new ArrayList<>();
      for (int i = 0; i <= max; i++) {
        list.add(json(e.byIndex.get(i)));
      }
      return list;
    }
    return v;
  }

  /** Flat {@code path: message} lines, {@code @entity} first, then fields sorted; array indexes are 1-based. */
  public List<String> messages() {
    List<String> out = new ArrayList<>(entity);
    collect("", out);
    return out;
  }

  private void collect(String prefix, List<String> out) {
    for (String m : prefix.isEmpty() ? List.<String>of() : entity) {
      out.add(prefix.substring(0, prefix.length() - 1) + ": " + m);
    }
    byField.forEach((k, v) -> collectValue(prefix + k, v, out));
  }

  private static void collectValue(String path, Object v, List<String> out) {
    if (v instanceof FieldErrors f) {
      f.collect(path + ".", out);
    } else if (v instanceof ElementErrors e) {
      e.byIndex.forEach((i, m) -> collectValue(path + "." + (i + 1), m, out));
    } else {
      out.add(path + ": " + v);
    }
  }

  /** Kong's message: {@code schema violation (a: x)} or {@code 2 schema violations (a: x; b: y)}. */
  public String message() {
    List<String> messages = messages();
    String joined = String.join("; ", messages);
    return messages.size() == 1 ? "schema violation (" + joined + ")"
        : messages.size() + " schema violations (" + joined + ")";
  }

  /** Like {@link #messages()} but with declarative-config paths: {@code a.b[0].c: message}. */
  public List<String> indexedMessages(String prefix) {
    List<String> out = new ArrayList<>();
    for (String m : entity) {
      out.add((prefix.isEmpty() ? "" : prefix + ": ") + m);
    }
    byField.forEach((k, v) -> indexed(prefix.isEmpty() ? k : prefix + "." + k, v, out));
    return out;
  }

  private static void indexed(String path, Object v, List<String> out) {
    if (v instanceof FieldErrors f) {
      out.addAll(f.indexedMessages(path));
    } else if (v instanceof ElementErrors e) {
      e.byIndex.forEach((i, m) -> indexed(path + "[" + i + "]", m, out));
    } else {
      out.add(path + ": " + v);
    }
  }

  @Override
  public String toString() {
    return message();
  }

  private static final class ElementErrors {
    final Map<Integer, Object> byIndex = new TreeMap<>();
  }
}
