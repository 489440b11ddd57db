package dev.llmgateway.internal.admin;

import dev.llmgateway.internal.store.ApiError;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes form and query arguments with Kong's key syntax into nested values: repeated keys
 * ({@code paths=/a&paths=/b}), appends ({@code paths[]=/a}), indexes ({@code paths[1]=/a}), dotted records
 * ({@code config.minute=60}, {@code service.name=x}) and bracket maps ({@code config[minute]=60}). Values stay
 * strings; {@link SchemaInference} types them.
 */
final class FormDecoder {
  static final int MAX_ARGS = 1000;
  /** Key segments a name may have; no schema nests nearly this deep, and deeper names would recurse unbounded. */
  static final int MAX_DEPTH = 64;

  private FormDecoder() {}

  /** Name/value pairs of an {@code application/x-www-form-urlencoded} text; a bare name means {@code true}. */
  static List<Map.Entry<String, Object>> pairs(String text) {
    List<Map.Entry<String, Object>> out = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String part : text.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      if (out.size() >= MAX_ARGS) {
        throw ApiError.message(400, "Too many arguments");
      }
      int eq = part.indexOf('=');
      if (eq < 0) {
        out.add(Map.entry(unescape(part), Boolean.TRUE));
      } else {
        out.add(Map.entry(unescape(part.substring(0, eq)), unescape(part.substring(eq + 1))));
      }
    }
    return out;
  }

  /** Percent-decoding with {@code +} as space; malformed escapes are kept as they are. */
  static String unescape(String s) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+') {
        out.write(' ');
      } else if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
        out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }

  /** Decodes pairs into a nested map. */
  static Map<String, Object> decode(List<Map.Entry<String, Object>> pairs) {
    Map<String, Object> root = new LinkedHashMap<>();
    for (Map.Entry<String, Object> pair : pairs) {
      List<Object> path = parseName(pair.getKey());
      insert(root, path, pair.getValue());
    }
    return finish(root);
  }

  /** Marks an array slot: "" appends, a number is a 1-based index. */
  private record Slot(Integer index) {}

  /** The key path of a name; a name that is not well-formed, or nests too deep, stays one plain key. */
  static List<Object> parseName(String name) {
    List<Object> path = new ArrayList<>();
    if (name.isEmpty() || name.startsWith(".") || name.endsWith(".")) {
      path.add(name);
      return path;
    }
    int i = 1;
    while (i < name.length() && name.charAt(i) != '.' && name.charAt(i) != '[') {
      i++;
    }
    path.add(name.substring(0, i));
    while (i < name.length()) {
      if (path.size() >= MAX_DEPTH) {
        return List.of(name);
      }
      char c = name.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < name.length() && name.charAt(end) != '.' && name.charAt(end) != '[') {
          end++;
        }
        if (end == i + 1) {
          return List.of(name);
        }
        path.add(name.substring(i + 1, end));
        i = end;
      } else {
        int close = name.indexOf(']', i);
        if (close < 0) {
          return List.of(name);
        }
        String inner = name.substring(i + 1, close);
        if (inner.isEmpty()) {
          path.add(new Slot(null));
        } else if (inner.chars().allMatch(Character::isDigit) && inner.length() < 6) {
          path.add(new Slot(Integer.parseInt(inner)));
        } else {
          path.add(inner);
        }
        i = close + 1;
      }
    }
    return path;
  }

  @SuppressWarnings("unchecked")
  private static void insert(Map<String, Object> root, List<Object> path, Object value) {
    Object container = root;
    for (int i = 0; i < path.size(); i++) {
      Object key = path.get(i);
      boolean last = i == path.size() - 1;
      if (container instanceof Slots slots) {
        Slot slot = key instanceof Slot s ? s : new Slot(1);
        if (last) {
          slots.put(slot.index(), value);
          return;
        }
        container = slots.child(slot.index(), path.get(i + 1) instanceof Slot);
        continue;
      }
      Map<String, Object> map = (Map<String, Object>) container;
      String k = key instanceof Slot ? "" : (String) key;
      if (last) {
        Object existing = map.get(k);
        if (existing instanceof Repeated r) {
          r.values.add(value);
        } else if (existing != null && !(existing instanceof Map) && !(existing instanceof Slots)) {
          Repeated r = new Repeated();
          r.values.add(existing);
          r.values.add(value);
          map.put(k, r);
        } else {
          map.put(k, value);
        }
        return;
      }
      boolean wantSlots = path.get(i + 1) instanceof Slot;
      Object existing = map.get(k);
      if (wantSlots ? !(existing instanceof Slots) : !(existing instanceof Map)) {
        existing = wantSlots ? new Slots() : new LinkedHashMap<String, Object>();
        map.put(k, existing);
      }
      container = existing;
    }
  }

  /** Values of a key given several times. */
  private static final class Repeated {
    final List<Object> values = new ArrayList<>();
  }

  /** An array built from {@code []} appends and {@code [n]} indexes. */
  private static final class Slots {
    final TreeMap<Integer, Object> indexed = new TreeMap<>();
    final List<Object> appended = new ArrayList<>();

    void put(Integer index, Object value) {
      if (index == null) {
        appended.add(value);
      } else {
        indexed.put(index, value);
      }
    }

    Object child(Integer index, boolean slots) {
      int at = index == null ? 1 : index;
      Object existing = indexed.get(at);
      if (slots ? !(existing instanceof Slots) : !(existing instanceof Map)) {
        existing = slots ? new Slots() : new LinkedHashMap<String, Object>();
        indexed.put(at, existing);
      }
      return existing;
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T finish(T value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) map).forEach((k, v) -> out.put(k, finish(v)));
      return (T) out;
    }
    if (value instanceof Repeated r) {
      return (T) new ArrayList<>(r.values);
    }
    if (value instanceof Slots s) {
      List<Object> out = new ArrayList<>();
      s.indexed.values().forEach(v -> out.add(finish(v)));
      s.appended.forEach(v -> out.add(finish(v)));
      return (T) out;
    }
    return value;
  }
}
