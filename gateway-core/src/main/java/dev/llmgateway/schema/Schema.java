package dev.llmgateway.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Kong-style schema: ordered {@link Field}s plus {@link EntityCheck}s. Validating input fills defaults,
 * checks types and constraints, and either returns an immutable {@link Row} or throws {@link SchemaViolation}
 * with every error found, worded as Kong words them.
 */
public final class Schema {
  private final String name;
  private final List<Field> fields;
  private final Map<String, Field> byName;
  private final List<EntityCheck> checks;

  private Schema(String name, List<Field> fields, List<EntityCheck> checks) {
    this.name = Objects.requireNonNull(name, "name");
    this.fields = List.copyOf(fields);
    Map<String, Field> index = new LinkedHashMap<>();
    for (Field f : fields) {
      if (index.put(f.name(), f) != null) {
        throw new IllegalArgumentException("duplicate field " + f.name() + " in schema " + name);
      }
    }
    this.byName = Collections.unmodifiableMap(index);
    this.checks = List.copyOf(checks);
  }

  public static Schema of(String name, Field... fields) {
    return new Schema(name, Arrays.asList(fields), List.of());
  }

  /** A copy with more entity checks. */
  public Schema withChecks(EntityCheck... more) {
    List<EntityCheck> all = new ArrayList<>(checks);
    all.addAll(Arrays.asList(more));
    return new Schema(name, fields, all);
  }

  /** A copy with more fields appended. */
  public Schema withFields(Field... more) {
    List<Field> all = new ArrayList<>(fields);
    all.addAll(Arrays.asList(more));
    return new Schema(name, all, checks);
  }

  public String name() {
    return name;
  }

  public List<Field> fields() {
    return fields;
  }

  public Field field(String fieldName) {
    return byName.get(fieldName);
  }

  public List<EntityCheck> checks() {
    return checks;
  }

  /** Validates a complete input: absent fields take their defaults. */
  public Row validate(Map<String, Object> input) {
    FieldErrors errors = new FieldErrors();
    Row row = validate(input, errors);
    if (!errors.prune().isEmpty()) {
      throw new SchemaViolation(errors);
    }
    return row;
  }

  /** Validates into {@code errors}; returns the row when this record had no error, else null. */
  public Row validate(Map<String, Object> input, FieldErrors errors) {
    Map<String, Object> in = input == null ? Map.of() : input;
    boolean ok = true;
    for (String key : in.keySet()) {
      if (!byName.containsKey(key)) {
        errors.put(key, "unknown field");
        ok = false;
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Field f : fields) {
      Object value;
      if (in.containsKey(f.name())) {
        value = in.get(f.name());
      } else if (f.hasDefault()) {
        value = f.defaultValue();
      } else if (f.type() == Field.Type.RECORD) {
        value = Map.of();
      } else {
        value = null;
      }
      Object checked;
      if (f.type() == Field.Type.RECORD && f.recordSchema() == null) {
        Schema dynamic = f.recordSchema(in);
        if (dynamic == null) {
          ok = false;
          continue;
        }
        checked = check(f, value, errors, f.name(), dynamic);
      } else {
        checked = check(f, value, errors, f.name(), f.recordSchema());
      }
      if (checked == INVALID) {
        ok = false;
      } else {
        out.put(f.name(), checked);
      }
    }
    if (!ok) {
      return null;
    }
    int before = errors.messages().size();
    for (EntityCheck c : checks) {
      c.check(Collections.unmodifiableMap(out), errors);
    }
    if (errors.messages().size() != before) {
      return null;
    }
    return new Row(this, out);
  }

  /** Kong's PATCH: the existing values with {@code patch} merged in (records deep, arrays and maps replaced). */
  public Row merge(Row existing, Map<String, Object> patch) {
    return validate(deepMerge(existing.toPlainMap(), patch));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> patch) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    for (Map.Entry<String, Object> e : patch.entrySet()) {
      Field f = byName.get(e.getKey());
      Object old = out.get(e.getKey());
      Schema nested = f == null || f.type() != Field.Type.RECORD ? null : f.recordSchema(out);
      if (nested != null && old instanceof Map && e.getValue() instanceof Map) {
        out.put(e.getKey(), nested.deepMerge((Map<String, Object>) old, (Map<String, Object>) e.getValue()));
      } else {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  private static final Object INVALID = new Object();

  /** Checks one value of a field; returns the normalized value or INVALID after recording the error. */
  private static Object check(Field f, Object value, FieldErrors errors, String key) {
    return check(f, value, errors, key, f.recordSchema());
  }

  private static Object check(Field f, Object value, FieldErrors errors, String key, Schema record) {
    if (value == null) {
      if (f.isRequired()) {
        errors.put(key, "required field missing");
        return INVALID;
      }
      return null;
    }
    Object typed = typed(f, value, errors, key, record);
    if (typed == INVALID) {
      return INVALID;
    }
    for (Validator v : f.validators()) {
      String message = v.check(typed);
      if (message != null) {
        errors.put(key, message);
        return INVALID;
      }
    }
    return typed;
  }

  @SuppressWarnings("unchecked")
  private static Object typed(Field f, Object value, FieldErrors errors, String key, Schema record) {
    switch (f.type()) {
      case STRING:
        return value instanceof String ? value : fail(errors, key, "expected a string");
      case INTEGER:
        if (value instanceof Long || value instanceof Integer) {
          return ((Number) value).longValue();
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 9.0e15) {
          return d.longValue();
        }
        return fail(errors, key, "expected an integer");
      case NUMBER:
        if (value instanceof Integer i) {
          return i.longValue();
        }
        return value instanceof Long || value instanceof Double ? value : fail(errors, key, "expected a number");
      case BOOLEAN:
        return value instanceof Boolean ? value : fail(errors, key, "expected a boolean");
      case ARRAY:
      case SET:
        if (!(value instanceof List)) {
          return fail(errors, key, f.type() == Field.Type.SET ? "expected a set" : "expected an array");
        }
        return elements(f, (List<Object>) value, errors, key);
      case MAP:
        if (!(value instanceof Map)) {
          return fail(errors, key, "expected a map");
        }
        return mapValues(f, (Map<String, Object>) value, errors, key);
      case RECORD:
        if (!(value instanceof Map)) {
          return fail(errors, key, "expected a record");
        }
        if (value instanceof Row r && r.schema() == record) {
          return r;
        }
        Row row = record.validate((Map<String, Object>) value, errors.nested(key));
        return row == null ? INVALID : row;
      case FOREIGN:
        return foreign(f, value, errors, key);
      default:
        throw new IllegalStateException(f.type().toString());
    }
  }

  private static final Schema FOREIGN_KEY = Schema.of("foreign", Field.uuid("id").required());

  @SuppressWarnings("unchecked")
  private static Object foreign(Field f, Object value, FieldErrors errors, String key) {
    if (value instanceof Row r && r.schema() == FOREIGN_KEY) {
      return r;
    }
    if (!(value instanceof Map)) {
      return fail(errors, key, "expected a record");
    }
    Row row = FOREIGN_KEY.validate((Map<String, Object>) value, errors.nested(key));
    return row == null ? INVALID : row;
  }

  /** The row of a foreign-key value pointing at {@code id}. */
  public static Row foreignKey(String id) {
    return FOREIGN_KEY.validate(Map.of("id", id));
  }

  private static Object elements(Field f, List<Object> list, FieldErrors errors, String key) {
    Field element = f.elements();
    List<Object> out = new ArrayList<>(list.size());
    boolean ok = true;
    for (int i = 0; i < list.size(); i++) {
      FieldErrors one = new FieldErrors();
      Object v = check(element, list.get(i), one, "_");
      if (v == INVALID) {
        Object error = one.toJson().get("_");
        errors.element(key, i, error instanceof Map ? nestedOf(one) : error);
        ok = false;
      } else {
        out.add(v);
      }
    }
    if (!ok) {
      return INVALID;
    }
    if (f.type() == Field.Type.SET) {
      out = new ArrayList<>(new LinkedHashSet<>(out));
    }
    for (Validator v : f.validators()) {
      String message = v.check(out);
      if (message != null) {
        return fail(errors, key, message);
      }
    }
    return Collections.unmodifiableList(out);
  }

  private static FieldErrors nestedOf(FieldErrors holder) {
    return holder.nested("_");
  }

  private static Object mapValues(Field f, Map<String, Object> map, FieldErrors errors, String key) {
    Map<String, Object> out = new LinkedHashMap<>();
    boolean ok = true;
    for (Map.Entry<String, Object> e : map.entrySet()) {
      FieldErrors one = new FieldErrors();
      Object v = check(f.elements(), e.getValue(), one, "_");
      if (v == INVALID) {
        Object error = one.toJson().get("_");
        if (error instanceof String s) {
          errors.nested(key).put(e.getKey(), s);
        } else {
          errors.nested(key).put(e.getKey(), String.valueOf(one.messages().get(0)));
        }
        ok = false;
      } else {
        out.put(e.getKey(), v);
      }
    }
    return ok ? Collections.unmodifiableMap(out) : INVALID;
  }

  private static Object fail(FieldErrors errors, String key, String message) {
    errors.put(key, message);
    return INVALID;
  }

  @Override
  public String toString() {
    return "Schema[" + name + "]";
  }
}
