package dev.llmgateway.internal.json;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import dev.llmgateway.schema.Row;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one JSON codec of the project. Documents become plain values: {@link Map} (ordered), {@link List},
 * {@link String}, {@link Long} for integral numbers, {@link Double} for others, {@link Boolean} and {@code null};
 * {@link Row}s, maps, lists and {@link UUID}s are written back the same way.
 */
public final class Json {
  private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

  private Json() {}

  /** How deeply arrays and objects may nest in parsed documents; deeper input is refused, never a stack overflow. */
  public static final int MAX_DEPTH = 512;

  /** Parses one JSON document strictly; an empty or blank text is not a document. */
  public static Object parse(String text) throws JsonParseException {
    if (text == null || text.isBlank()) {
      throw new JsonParseException("empty JSON document");
    }
    try {
      JsonReader reader = new JsonReader(new StringReader(text));
      reader.setStrictness(Strictness.STRICT);
      reader.setNestingLimit(MAX_DEPTH);
      JsonElement element = JsonParser.parseReader(reader);
      if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
        throw new JsonParseException("trailing data after the JSON document");
      }
      return toValue(element);
    } catch (java.io.IOException | IllegalStateException | NumberFormatException | StackOverflowError
        | JsonParseException e) {
      throw new JsonParseException(describe(e), e);
    }
  }

  /** Gson's message without its class-name prefix, its advice to parse leniently and its link. */
  private static String describe(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int see = m.indexOf("\nSee ");
    if (see >= 0) {
      m = m.substring(0, see);
    }
    return m.replace("com.google.gson.stream.MalformedJsonException: ", "")
        .replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON")
        .strip();
  }

  /** Parses a JSON object; anything else is an error. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text) throws JsonParseException {
    Object value = parse(text);
    if (!(value instanceof Map)) {
      throw new JsonParseException("expected a JSON object");
    }
    return (Map<String, Object>) value;
  }

  /** Writes a plain value (see the class comment) as compact JSON. */
  public static String write(Object value) {
    return GSON.toJson(toElement(value));
  }

  /** Writes a plain value as indented JSON, for files people read. */
  public static String writePretty(Object value) {
    return new GsonBuilder().serializeNulls().disableHtmlEscaping().setPrettyPrinting().create()
        .toJson(toElement(value));
  }

  static Object toValue(JsonElement element) {
    if (element == null || element.isJsonNull()) {
      return null;
    }
    if (element.isJsonObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonElement> e : element.getAsJsonObject().entrySet()) {
        map.put(e.getKey(), toValue(e.getValue()));
      }
      return map;
    }
    if (element.isJsonArray()) {
      JsonArray array = element.getAsJsonArray();
      List<Object> list = new ArrayList<>(array.size());
      for (JsonElement e : array) {
        list.add(toValue(e));
      }
      return list;
    }
    JsonPrimitive p = element.getAsJsonPrimitive();
    if (p.isBoolean()) {
      return p.getAsBoolean();
    }
    if (p.isString()) {
      return p.getAsString();
    }
    return number(p.getAsString());
  }

  /** A JSON number as Long when it is integral and fits, else Double. */
  static Object number(String literal) {
    BigDecimal decimal = new BigDecimal(literal);
    if (literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0) {
      try {
        return decimal.longValueExact();
      } catch (ArithmeticException tooBig) {
        return decimal.doubleValue();
      }
    }
    return decimal.doubleValue();
  }

  /**
   * A double written as Kong's cjson writes numbers: integral values without a fraction ({@code 1}, not
   * {@code 1.0}), others in plain notation ({@code 1700000000.123}, not {@code 1.700000000123E9}).
   */
  static Number plainNumber(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("not a JSON number: " + d);
    }
    if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
      return (long) d;
    }
    return new BigDecimal(Double.toString(d));
  }

  /** Converts a plain value to a Gson tree. */
  public static JsonElement toElement(Object value) {
    if (value == null) {
      return JsonNull.INSTANCE;
    }
    if (value instanceof JsonElement e) {
      return e;
    }
    if (value instanceof Row row) {
      return toElement(row.asMap());
    }
    if (value instanceof Map<?, ?> map) {
      JsonObject object = new JsonObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        object.add(String.valueOf(e.getKey()), toElement(e.getValue()));
      }
      return object;
    }
    if (value instanceof Collection<?> list) {
      JsonArray array = new JsonArray(list.size());
      for (Object o : list) {
        array.add(toElement(o));
      }
      return array;
    }
    if (value instanceof String s) {
      return new JsonPrimitive(s);
    }
    if (value instanceof Boolean b) {
      return new JsonPrimitive(b);
    }
    if (value instanceof Double || value instanceof Float) {
      return new JsonPrimitive(plainNumber(((Number) value).doubleValue()));
    }
    if (value instanceof Number n) {
      return new JsonPrimitive(n);
    }
    if (value instanceof UUID || value instanceof Enum<?>) {
      return new JsonPrimitive(value.toString());
    }
    throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
  }

  /** An unmodifiable deep copy of a plain value, so that snapshots never share mutable state. */
  @SuppressWarnings("unchecked")
  public static Object freeze(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      ((Map<String, Object>) map).forEach((k, v) -> copy.put(k, freeze(v)));
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object o : list) {
        copy.add(freeze(o));
      }
      return Collections.unmodifiableList(copy);
    }
    return value;
  }
}
