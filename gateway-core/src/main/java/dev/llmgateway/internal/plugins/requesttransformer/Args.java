package dev.llmgateway.internal.plugins.requesttransformer;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Query-string or form arguments as Kong handles them ({@code ngx.decode_args} / {@code encode_args}): names
 * map to one or more values, a bare name has no value, and encoding sorts names and percent-encodes everything
 * outside the unreserved characters.
 */
final class Args {
  /** Value lists; a null element is a bare name (Lua's {@code true}). */
  private final Map<String, List<String>> values = new LinkedHashMap<>();

  static Args parse(String text) {
    Args a = new Args();
    if (text == null || text.isEmpty()) {
      return a;
    }
    for (String part : text.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = decode(eq < 0 ? part : part.substring(0, eq));
      if (name.isEmpty()) {
        continue;
      }
      a.values.computeIfAbsent(name, k -> new ArrayList<>()).add(eq < 0 ? null : decode(part.substring(eq + 1)));
    }
    return a;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  boolean isEmpty() {
    return values.isEmpty();
  }

  Map<String, List<String>> asMap() {
    return values;
  }

  void apply(Operation op, List<Pair> entries) {
    for (Pair p : entries) {
      switch (op) {
        case REMOVE -> values.remove(p.name());
        case RENAME -> {
          List<String> v = values.remove(p.name());
          if (v != null) {
            values.put(p.value(), v);
          }
        }
        case REPLACE -> {
          if (values.containsKey(p.name())) {
            values.put(p.name(), new ArrayList<>(List.of(p.value())));
          }
        }
        case ADD -> {
          if (!values.containsKey(p.name())) {
            values.put(p.name(), new ArrayList<>(List.of(p.value())));
          }
        }
        case APPEND -> values.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p.value());
        default -> throw new IllegalStateException(op.name());
      }
    }
  }

  /** Adds {@code other}'s values after this one's (Kong's merge of form fields into the query). */
  void merge(Args other) {
    other.values.forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
  }

  String encode() {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, List<String>> e : new TreeMap<>(values).entrySet()) {
      for (String v : e.getValue()) {
        if (b.length() > 0) {
          b.append('&');
        }
        b.append(escape(e.getKey()));
        if (v != null) {
          b.append('=').append(escape(v));
        }
      }
    }
    return b.toString();
  }

  private static String escape(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
          || c == '_' || c == '~') {
        out.write(c);
      } else {
        out.write('%');
        out.write(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)));
        out.write(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString(StandardCharsets.US_ASCII);
  }
}
