package dev.llmgateway.internal.store;

import dev.llmgateway.schema.Row;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Writes values the way Kong's error messages show Lua tables ({@code {name="x",service={id="..."}}}): keys sorted,
 * identifier keys bare, strings double-quoted, JSON null as {@code null}, lists with gaps as {@code [i]=} entries
 * (1-based, as in Lua).
 */
public final class LuaText {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private LuaText() {}

  /** The Lua rendering of a plain value (map, list, Row, string, number, boolean or null). */
  public static String of(Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb);
    return sb.toString();
  }

  private static void write(Object value, StringBuilder sb) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof Row row) {
      writeMap(row.asMap(), sb);
    } else if (value instanceof Map<?, ?> map) {
      writeMap(map, sb);
    } else if (value instanceof Collection<?> list) {
      writeList(new ArrayList<>(list), sb);
    } else if (value instanceof String s) {
      sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    } else if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
      sb.append(d.longValue());
    } else {
      sb.append(value);
    }
  }

  private static void writeMap(Map<?, ?> map, StringBuilder sb) {
    Map<String, Object> sorted = new TreeMap<>();
    map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> e : sorted.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      if (IDENTIFIER.matcher(e.getKey()).matches()) {
        sb.append(e.getKey());
      } else {
        sb.append("[\"").append(e.getKey()).append("\"]");
      }
      sb.append('=');
      write(e.getValue(), sb);
    }
    sb.append('}');
  }

  private static void writeList(List<Object> list, StringBuilder sb) {
    boolean gaps = list.contains(null);
    sb.append('{');
    boolean first = true;
    for (int i = 0; i < list.size(); i++) {
      Object v = list.get(i);
      if (gaps && v == null) {
        continue;
      }
      if (!first) {
        sb.append(',');
      }
      first = false;
      if (gaps) {
        sb.append('[').append(i + 1).append("]=");
      }
      write(v, sb);
    }
    sb.append('}');
  }
}
