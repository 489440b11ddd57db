package dev.llmgateway.internal.declarative;

import dev.llmgateway.schema.FieldErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects declarative-config errors by path — both Kong's nested {@code fields} object (entity arrays become
 * JSON arrays with nulls for valid entries) and flat path lines.
 */
final class ErrorTree {
  private final Map<String, Object> root = new LinkedHashMap<>();
  private final List<String> lines = new ArrayList<>();

  boolean isEmpty() {
    return lines.isEmpty();
  }

  /** A message for a path such as {@code [services, 0, host]}. */
  void message(Path path, String message) {
    lines.add(path + ": " + message);
    put(path.segments(), message);
  }

  /** The schema errors of the entity at {@code path}. */
  void entity(Path path, FieldErrors errors) {
    lines.addAll(errors.indexedMessages(path.toString()));
    put(path.segments(), errors.toJson());
  }

  @SuppressWarnings("unchecked")
  private void put(List<Object> segments, Object value) {
    Object container = root;
    for (int i = 0; i < segments.size(); i++) {
      Object key = segments.get(i);
      boolean last = i == segments.size() - 1;
      Object next = last ? null : (segments.get(i + 1) instanceof Integer ? new TreeMap<Integer, Object>()
          : new LinkedHashMap<String, Object>());
      Map<Object, Object> map = (Map<Object, Object>) container;
      Object existing = map.get(key);
      if (last) {
        map.put(key, combine(existing, value));
        return;
      }
      if (existing instanceof Map) {
        container = existing;
      } else {
        map.put(key, next);
        container = next;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Object combine(Object existing, Object value) {
    if (existing == null) {
      return value;
    }
    if (existing instanceof Map<?, ?> a && value instanceof Map<?, ?> b) {
      Map<Object, Object> merged = new LinkedHashMap<>((Map<Object, Object>) a);
      ((Map<Object, Object>) b).forEach((k, v) -> merged.put(k, combine(merged.get(k), v)));
      return merged;
    }
    List<Object> list = new ArrayList<>();
    list.addAll(existing instanceof List<?> l ? l : List.of(existing));
    list.add(value);
    return list;
  }

  List<String> lines() {
    return lines;
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> toJson() {
    return (Map<String, Object>) json(root);
  }

  private static Object json(Object v) {
    if (v instanceof TreeMap<?, ?> indexed) {
      List<Object> list = new ArrayList<>();
      for (Map.Entry<?, ?> e : indexed.entrySet()) {
        int index = (Integer) e.getKey();
        while (list.size() < index) {
          list.add(null);
        }
        list.add(json(e.getValue()));
      }
      return list;
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, x) -> out.put(String.valueOf(k), json(x)));
      return out;
    }
    return v;
  }

  /** A position in the document: {@code services[0].routes[1]}. */
  record Path(List<Object> segments) {
    static Path of(String table, int index) {
      return new Path(List.of(table, index));
    }

    Path child(String table, int index) {
      List<Object> s = new ArrayList<>(segments);
      s.add(table);
      s.add(index);
      return new Path(s);
    }

    Path field(String name) {
      List<Object> s = new ArrayList<>(segments);
      s.add(name);
      return new Path(s);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      for (Object seg : segments) {
        if (seg instanceof Integer i) {
          sb.append('[').append(i).append(']');
        } else {
          if (sb.length() > 0) {
            sb.append('.');
          }
          sb.append(seg);
        }
      }
      return sb.toString();
    }
  }
}
