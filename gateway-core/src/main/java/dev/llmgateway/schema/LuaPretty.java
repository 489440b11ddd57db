package dev.llmgateway.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints nested errors the way Kong's messages show them: Penlight's {@code pl.pretty.write} with its defaults
 * (two-space indent, sorted string keys, {@code ["@entity"]} for keys that are not Lua identifiers, strings quoted
 * like {@code pl.stringx.quote_string}). Kong's message flattens one level only; deeper errors appear this way.
 */
final class LuaPretty {
  private static final Pattern IDENTIFIER = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
  private static final Pattern LONG_QUOTE = Pattern.compile("([\\[\\]])(=*)\\1");
  private static final Set<String> KEYWORDS = Set.of("and", "break", "do", "else", "elseif", "end", "false",
      "for", "function", "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return", "then", "true",
      "until", "while");

  private LuaPretty() {}

  /** A message as is, or a table of errors printed as Lua. */
  static String inline(Object error) {
    return error instanceof String s ? s : write(error);
  }

  /** Penlight's {@code pretty.write(t)} of an errors table, an element-errors table or a list of messages. */
  static String write(Object table) {
    Writer w = new Writer();
    w.writeit(table, "", "  ");
    w.eatLastComma();
    return String.join("\n", w.lines);
  }

  private static final class Writer {
    final List<String> lines = new ArrayList<>();
    String line = "";

    void put(String s) {
      line = line + s;
    }

    void putln(String s) {
      if (!line.isEmpty()) {
        lines.add(line + s);
        line = "";
      } else {
        lines.add(s);
      }
    }

    void eatLastComma() {
      int n = lines.size() - 1;
      if (lines.get(n).endsWith(",")) {
        lines.set(n, lines.get(n).substring(0, lines.get(n).length() - 1));
      }
    }

    void writeit(Object t, String oldIndent, String indent) {
      if (t instanceof String s) {
        putln(quote(s) + ",");
        return;
      }
      if (!(t instanceof FieldErrors || t instanceof ElementErrors || t instanceof List<?>)) {
        putln(t + ",");
        return;
      }
      String newIndent = indent + "  ";
      putln("{");
      List<Object> array = new ArrayList<>();
      Map<String, Object> keyed = new TreeMap<>();
      Map<Integer, Object> numbered = new TreeMap<>();
      split(t, array, keyed, numbered);
      for (Object v : array) {
        put(indent);
        writeit(v, indent, newIndent);
      }
      keyed.forEach((k, v) -> {
        put(indent + key(k) + " = ");
        writeit(v, indent, newIndent);
      });
      numbered.forEach((k, v) -> {
        put(indent + "[" + k + "] = ");
        writeit(v, indent, newIndent);
      });
      eatLastComma();
      putln(oldIndent + "},");
    }
  }

  /** Lua's view of a table: its sequence part from index 1, its string keys, its other integer keys. */
  private static void split(Object t, List<Object> array, Map<String, Object> keyed, Map<Integer, Object> numbered) {
    if (t instanceof List<?> list) {
      array.addAll(list);
    } else if (t instanceof FieldErrors f) {
      if (!f.entityErrors().isEmpty()) {
        keyed.put(FieldErrors.ENTITY, f.entityErrors());
      }
      f.fieldsView().forEach((k, v) -> {
        if (!(v instanceof FieldErrors n && n.isEmpty())) {
          keyed.put(k, v);
        }
      });
    } else if (t instanceof ElementErrors e) {
      boolean[] inSequence = {true};
      e.forEach((i, v) -> {
        if (inSequence[0] && i == array.size()) {
          array.add(v);
        } else {
          inSequence[0] = false;
          numbered.put(i + 1, v);
        }
      });
    }
  }

  private static String key(String k) {
    if (IDENTIFIER.matcher(k).matches() && !KEYWORDS.contains(k)) {
      return k;
    }
    String quoted = quote(k);
    return "[" + (quoted.startsWith("[") ? " " + quoted + " " : quoted) + "]";
  }

  /** {@code pl.stringx.quote_string}: long brackets for text with newlines or bracket runs, else {@code %q}. */
  static String quote(String s) {
    int equals = -1;
    Matcher m = LONG_QUOTE.matcher(s);
    while (m.find()) {
      equals = Math.max(equals, m.group(2).length());
    }
    if (s.contains("\n") || equals >= 0) {
      String eq = "=".repeat(equals + 1);
      return "[" + eq + "[" + (s.startsWith("\n") ? "\n" : "") + s + "]" + eq + "]";
    }
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean digitNext = i + 1 < s.length() && Character.isDigit(s.charAt(i + 1));
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c < 32 || c == 127) {
        sb.append('\\').append(digitNext ? String.format("%03d", (int) c) : Integer.toString(c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
