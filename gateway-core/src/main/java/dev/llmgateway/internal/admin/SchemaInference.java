package dev.llmgateway.internal.admin;

import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;
import dev.llmgateway.schema.Subschema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Types form and multipart values by the schema, as Kong does: {@code ""} is null, numbers are parsed for number
 * and integer fields, {@code "true"}/{@code "false"} for booleans, a single value given for an array or set
 * becomes a one-element array, map values and records are typed recursively. Values that do not convert stay
 * strings, so the schema reports them ({@code expected an integer}).
 */
final class SchemaInference {
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private SchemaInference() {}

  /**
   * Types {@code args} by {@code schema}. {@code context} supplies sibling values not in the arguments (the
   * existing entity on PATCH), so that a plugin's {@code config} is typed by the plugin its row names.
   */
  static Map<String, Object> infer(Schema schema, Map<String, Object> args, Map<String, Object> context) {
    Map<String, Object> siblings = new LinkedHashMap<>(context == null ? Map.of() : context);
    siblings.putAll(args);
    Map<String, Object> out = new LinkedHashMap<>();
    String key = schema.subschemaKey();
    Subschema sub = key == null ? null : schema.subschemaFor(siblings.get(key));
    args.forEach((k, v) -> {
      Field f = field(schema, sub, k);
      Object nestedContext = context == null ? null : context.get(k);
      out.put(k, f == null ? v : value(v, f, siblings, nestedContext));
    });
    return out;
  }

  /** The field as the subschema (a plugin's, chosen by its name) specialises it, else the schema's own. */
  private static Field field(Schema schema, Subschema sub, String name) {
    if (sub != null) {
      for (Field f : sub.fields()) {
        if (f.name().equals(name)) {
          return f;
        }
      }
    }
    return schema.field(name);
  }

  @SuppressWarnings("unchecked")
  private static Object value(Object v, Field f, Map<String, Object> siblings, Object context) {
    if ("".equals(v)) {
      return null;
    }
    switch (f.type()) {
      case INTEGER:
      case NUMBER:
        return v instanceof String s ? number(s) : v;
      case BOOLEAN:
        return "true".equals(v) ? Boolean.TRUE : "false".equals(v) ? Boolean.FALSE : v;
      case ARRAY:
      case SET: {
        List<Object> list = v instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(List.of(v));
        list.replaceAll(e -> f.elements() == null ? e : value(e, f.elements(), Map.of(), null));
        return list;
      }
      case MAP: {
        if (!(v instanceof Map<?, ?> m) || f.elements() == null) {
          return v;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<String, Object>) m).forEach((k, x) -> out.put(k, value(x, f.elements(), Map.of(), null)));
        return out;
      }
      case RECORD: {
        Schema record = f.recordSchema(siblings);
        if (!(v instanceof Map<?, ?> m) || record == null) {
          return v;
        }
        return infer(record, (Map<String, Object>) m, context instanceof Map<?, ?> c ? (Map<String, Object>) c : null);
      }
      case FOREIGN: {
        if (!(v instanceof Map<?, ?> m)) {
          return v;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<String, Object>) m).forEach((k, x) -> out.put(k, "".equals(x) ? null : x));
        return out;
      }
      default:
        return v;
    }
  }

  private static Object number(String s) {
    String t = s.trim();
    if (INTEGER.matcher(t).matches()) {
      return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
    }
    if (DECIMAL.matcher(t).matches()) {
      return Double.parseDouble(t);
    }
    return s;
  }
}
