package dev.llmgateway.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kong-shaped validation errors of one record, like Kong's errors table: per field a message, a nested record's
 * errors, or per-element errors of an array; plus {@code @entity} errors. Renders Kong's {@code fields} object
 * ({@link #toJson()}) and Kong's message ({@link #message()}, built as {@code kong/db/errors.lua} builds it).
 */
public final class FieldErrors {
  static final String ENTITY = "@entity";

  private final Map<String, Object> byField = new TreeMap<>();
  private final List<String> entity = new ArrayList<>();

  /** True when no error was recorded (nested records without errors do not count). */
  public boolean isEmpty() {
    if (!entity.isEmpty()) {
      return false;
    }
    for (Object v : byField.values()) {
      if (!(v instanceof FieldErrors f) || !f.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** Records a message for a field, replacing what the field had (Kong assigns {@code errors[field]}). */
  public FieldErrors put(String field, String message) {
    byField.put(field, message);
    return this;
  }

  /** Records an error (message or nested errors) of the element at a 0-based index of an array or set field. */
  public FieldErrors element(String field, int index, Object messageOrErrors) {
    Object existing = byField.get(field);
    ElementErrors elements;
    if (existing instanceof ElementErrors e) {
      elements = e;
    } else {
      elements = new ElementErrors();
      byField.put(field, elements);
    }
    elements.put(index, messageOrErrors);
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

  /** Records an entity-level error ({@code @entity}); Kong keeps repeated messages. */
  public FieldErrors entity(String message) {
    entity.add(message);
    return this;
  }

  /** Whether the field has an error. */
  public boolean has(String field) {
    Object v = byField.get(field);
    return v != null && !(v instanceof FieldErrors f && f.isEmpty());
  }

  /** The {@code @entity} messages in the order they were recorded. */
  public List<String> entityErrors() {
    return Collections.unmodifiableList(entity);
  }

  /** Sets a field's error to a message, nested errors or element errors, as a validator produced it. */
  void putError(String field, Object error) {
    byField.put(field, error);
  }

  /** A field's error (message, nested errors or element errors), or null. */
  Object error(String field) {
    return byField.get(field);
  }

  /** Copies every error of {@code other} in, replacing field errors of the same name. */
  void addAll(FieldErrors other) {
    entity.addAll(other.entity);
    byField.putAll(other.byField);
  }

  /** Kong's {@code fields} object: messages, nested objects, element arrays (with nulls) and {@code @entity}. */
  public Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    if (!entity.isEmpty()) {
      out.put(ENTITY, List.copyOf(entity));
    }
    byField.forEach((k, v) -> {
      if (!(v instanceof FieldErrors f && f.isEmpty())) {
        out.put(k, json(v));
      }
    });
    return out;
  }

  static Object json(Object v) {
    if (v instanceof FieldErrors f) {
      return f.toJson();
    }
    if (v instanceof ElementErrors e) {
      List<Object> list = new ArrayList<>();
      for (int i = 0; i <= e.maxIndex(); i++) {
        Object one = e.get(i);
        list.add(one == null ? null : json(one));
      }
      return list;
    }
    return v;
  }

  /**
   * The parts of Kong's message: {@code @entity} messages, then per field in sorted order {@code field: message};
   * a field with nested or element errors gives one part per sub-key ({@code paths.1: ...}, 1-based), deeper
   * errors printed as a Lua table the way Kong's {@code pl.pretty.write} prints them.
   */
  public List<String> messages() {
    List<String> out = new ArrayList<>(entity);
    byField.forEach((field, v) -> {
      if (v instanceof FieldErrors f) {
        if (!f.entity.isEmpty()) {
          out.add(field + "." + ENTITY + ": " + LuaPretty.write(f.entity));
        }
        f.byField.forEach((sub, x) -> {
          if (!(x instanceof FieldErrors n && n.isEmpty())) {
            out.add(field + "." + sub + ": " + LuaPretty.inline(x));
          }
        });
      } else if (v instanceof ElementErrors e) {
        e.forEach((i, x) -> out.add(field + "." + (i + 1) + ": " + LuaPretty.inline(x)));
      } else {
        out.add(field + ": " + v);
      }
    });
    return out;
  }

  /** Kong's message: {@code schema violation (a: x)} or {@code 2 schema violations (a: x; b: y)}. */
  public String message() {
    List<String> messages = messages();
    String joined = String.join("; ", messages);
    return messages.size() == 1 ? "schema violation (" + joined + ")"
        : messages.size() + " schema violations (" + joined + ")";
  }

  /** Every leaf error with a declarative-config path, {@code a.b[0].c: message} (0-based indexes). */
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
      e.forEach((i, m) -> indexed(path + "[" + i + "]", m, out));
    } else {
      out.add(path + ": " + v);
    }
  }

  Map<String, Object> fieldsView() {
    return Collections.unmodifiableMap(byField);
  }

  @Override
  public String toString() {
    return message();
  }
}
