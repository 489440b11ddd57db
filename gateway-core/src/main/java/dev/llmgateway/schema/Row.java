package dev.llmgateway.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A validated, immutable record of field values in schema order: what a {@link Schema} produces and what
 * entities, plugin configs and the store hold. Values are plain: String, Long, Double, Boolean, List, Map
 * (for map fields), Row (for record fields) or null.
 */
public final class Row {
  private final Schema schema;
  private final Map<String, Object> values;

  Row(Schema schema, Map<String, Object> values) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The schema that validated this row. */
  public Schema schema() {
    return schema;
  }

  /** The values in schema order; nested records stay {@link Row}s. */
  public Map<String, Object> asMap() {
    return values;
  }

  /** The value of a field, or null. */
  public Object get(String field) {
    return values.get(field);
  }

  public boolean isNull(String field) {
    return values.get(field) == null;
  }

  public String string(String field) {
    return (String) values.get(field);
  }

  /** An integer field; fails loudly when the field is null, since schemas give such fields defaults. */
  public int integer(String field) {
    return Math.toIntExact(((Number) values.get(field)).longValue());
  }

  /** An integer field, or {@code fallback} when it is null (Kong keeps an explicit null over a default). */
  public int integer(String field, int fallback) {
    Object v = values.get(field);
    return v == null ? fallback : Math.toIntExact(((Number) v).longValue());
  }

  /** A boolean field, or {@code fallback} when it is null. */
  public boolean bool(String field, boolean fallback) {
    Object v = values.get(field);
    return v == null ? fallback : (Boolean) v;
  }

  /** The field's value, or its schema default when the value is null (an explicit null for a defaulted field). */
  public Object valueOrDefault(String field) {
    Object v = values.get(field);
    return v != null ? v : schema.field(field).defaultValue();
  }

  /** A string field, or {@code fallback} when it is null. */
  public String string(String field, String fallback) {
    Object v = values.get(field);
    return v == null ? fallback : (String) v;
  }

  /** An integer or number field as a nullable Long (fractions truncated). */
  public Long longOrNull(String field) {
    Object v = values.get(field);
    return v == null ? null : ((Number) v).longValue();
  }

  public Double numberOrNull(String field) {
    Object v = values.get(field);
    return v == null ? null : ((Number) v).doubleValue();
  }

  public boolean bool(String field) {
    return Boolean.TRUE.equals(values.get(field));
  }

  public Boolean boolOrNull(String field) {
    return (Boolean) values.get(field);
  }

  @SuppressWarnings("unchecked")
  public List<String> strings(String field) {
    Object v = values.get(field);
    return v == null ? null : (List<String>) v;
  }

  @SuppressWarnings("unchecked")
  public List<Object> list(String field) {
    return (List<Object>) values.get(field);
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> map(String field) {
    return (Map<String, Object>) values.get(field);
  }

  public Row record(String field) {
    return (Row) values.get(field);
  }

  public UUID uuid(String field) {
    Object v = values.get(field);
    return v == null ? null : UUID.fromString((String) v);
  }

  /** The id inside a foreign-key field ({@code {"id": "..."}}), or null. */
  public UUID foreignId(String field) {
    Object v = values.get(field);
    if (v instanceof Row r) {
      return r.uuid("id");
    }
    return null;
  }

  /** A copy of the values as a mutable plain map (nested rows become maps), for merging and re-validation. */
  public Map<String, Object> toPlainMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, plain(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object plain(Object v) {
    if (v instanceof Row r) {
      return r.toPlainMap();
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) m).forEach((k, x) -> out.put(k, plain(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new java.util.ArrayList<>(l.size());
      for (Object x : l) {
        out.add(plain(x));
      }
      return out;
    }
    return v;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Row r && r.schema == schema && r.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return schema.name() + values;
  }
}
