package dev.llmgateway.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A Kong-style schema: ordered {@link Field}s, {@link EntityCheck}s, optional shorthands (write-only input fields
 * such as a service's {@code url}) and optional subschemas chosen by a key field. Validating input follows
 * {@code kong/db/schema/init.lua}: shorthands, subschema choice, defaults, unknown fields, each field's type and
 * validators, then the entity checks; the result is an immutable {@link Row} or a {@link SchemaViolation} with
 * every error, worded as Kong words them.
 */
public final class Schema {
  private final String name;
  private final List<Field> fields;
  private final Map<String, Field> byName;
  private final List<EntityCheck> checks;
  private final UnaryOperator<Map<String, Object>> shorthands;
  private final Subschemas subschemas;

  /** How a schema chooses its subschema. */
  private record Subschemas(String keyField, Function<String, String> unknownError,
      Function<String, Subschema> lookup) {}

  private Schema(String name, List<Field> fields, List<EntityCheck> checks,
      UnaryOperator<Map<String, Object>> shorthands, Subschemas subschemas) {
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
    this.shorthands = shorthands;
    this.subschemas = subschemas;
  }

  public static Schema of(String name, Field... fields) {
    return new Schema(name, Arrays.asList(fields), List.of(), null, null);
  }

  /** A copy with more entity checks. */
  public Schema withChecks(EntityCheck... more) {
    List<EntityCheck> all = new ArrayList<>(checks);
    all.addAll(Arrays.asList(more));
    return new Schema(name, fields, all, shorthands, subschemas);
  }

  /** A copy with more fields appended. */
  public Schema withFields(Field... more) {
    List<Field> all = new ArrayList<>(fields);
    all.addAll(Arrays.asList(more));
    return new Schema(name, all, checks, shorthands, subschemas);
  }

  /**
   * A copy that first rewrites input through {@code expand} (Kong's {@code shorthand_fields}); it returns a new
   * map and may throw {@link SchemaViolation} for a malformed shorthand value.
   */
  public Schema withShorthands(UnaryOperator<Map<String, Object>> expand) {
    Objects.requireNonNull(expand, "expand");
    UnaryOperator<Map<String, Object>> all = shorthands == null ? expand : m -> expand.apply(shorthands.apply(m));
    return new Schema(name, fields, checks, all, subschemas);
  }

  /**
   * A copy specialised by the value of {@code keyField} (for a set-valued key, the first element that has a
   * subschema): {@code lookup} answers null for an unknown value, which fails with {@code unknownError} formatted
   * with the value (Kong's default {@code "unknown type: %s"}) and nothing else is validated.
   */
  public Schema withSubschemas(String keyField, String unknownError, Function<String, Subschema> lookup) {
    if (!byName.containsKey(keyField)) {
      throw new IllegalArgumentException("no field " + keyField + " in schema " + name);
    }
    String format = unknownError == null ? "unknown type: %s" : unknownError;
    return withWordedSubschemas(keyField, key -> String.format(format, key), lookup);
  }

  /**
   * Like {@link #withSubschemas(String, String, Function)}, with the error for an unknown value worded per value
   * (the plugins schema explains that a Lua plugin cannot run, rather than calling it not enabled).
   */
  public Schema withWordedSubschemas(String keyField, Function<String, String> unknownError,
      Function<String, Subschema> lookup) {
    if (!byName.containsKey(keyField)) {
      throw new IllegalArgumentException("no field " + keyField + " in schema " + name);
    }
    Subschemas s = new Subschemas(keyField, Objects.requireNonNull(unknownError, "unknownError"),
        Objects.requireNonNull(lookup, "lookup"));
    return new Schema(name, fields, checks, shorthands, s);
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

  /** The subschema key field, or null when the schema has no subschemas. */
  public String subschemaKey() {
    return subschemas == null ? null : subschemas.keyField();
  }

  /** The subschema for a key value (a string, or a list whose first known element decides), or null. */
  public Subschema subschemaFor(Object key) {
    if (subschemas == null) {
      return null;
    }
    if (key instanceof String s) {
      return subschemas.lookup().apply(s);
    }
    if (key instanceof List<?> list) {
      for (Object o : list) {
        Subschema sub = o instanceof String s ? subschemas.lookup().apply(s) : null;
        if (sub != null) {
          return sub;
        }
      }
    }
    return null;
  }

  String unknownSubschemaMessage(Object key) {
    Object shown = key instanceof List<?> l && !l.isEmpty() ? l.get(0) : key;
    return subschemas.unknownError().apply(String.valueOf(shown));
  }

  /** The fields in order with those of {@code sub} (may be null) replacing the parent's of the same name. */
  Map<String, Field> effectiveFields(Subschema sub) {
    if (sub == null) {
      return byName;
    }
    Map<String, Field> out = new LinkedHashMap<>(byName);
    for (Field f : sub.fields()) {
      if (!out.containsKey(f.name())) {
        throw new IllegalStateException("subschema field " + f.name() + " is not a field of " + name);
      }
      out.put(f.name(), f);
    }
    return out;
  }

  /** The input with shorthand fields expanded (a copy; input is never changed). */
  public Map<String, Object> expandShorthands(Map<String, Object> input) {
    return shorthands == null ? input : shorthands.apply(input);
  }

  /** Validates a complete input (Kong's insert and upsert): absent fields take their defaults. */
  public Row validate(Map<String, Object> input) {
    FieldErrors errors = new FieldErrors();
    Row row = new Validation(false).record(this, input, errors).row();
    if (row == null) {
      throw new SchemaViolation(errors);
    }
    return row;
  }

  /** Validates into {@code errors}; returns the row when this input had no error, else null. */
  public Row validate(Map<String, Object> input, FieldErrors errors) {
    FieldErrors mine = new FieldErrors();
    Row row = new Validation(false).record(this, input, mine).row();
    errors.addAll(mine);
    return row;
  }

  /**
   * Kong's PATCH: the existing values with {@code patch} merged in (records deep, arrays and maps replaced), then
   * validated as Kong validates updates ("when updating, at least one of these fields ...").
   */
  public Row merge(Row existing, Map<String, Object> patch) {
    Map<String, Object> merged = deepMerge(this, existing.toPlainMap(), expandShorthands(patch));
    FieldErrors errors = new FieldErrors();
    Row row = new Validation(true).record(this, merged, errors).row();
    if (row == null) {
      throw new SchemaViolation(errors);
    }
    return row;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepMerge(Schema schema, Map<String, Object> base, Map<String, Object> patch) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    String key = schema.subschemaKey();
    Subschema sub = key == null ? null
        : schema.subschemaFor(patch.containsKey(key) ? patch.get(key) : base.get(key));
    Map<String, Field> fields = schema.effectiveFields(sub);
    for (Map.Entry<String, Object> e : patch.entrySet()) {
      Field f = fields.get(e.getKey());
      Object old = out.get(e.getKey());
      Schema nested = f == null || f.type() != Field.Type.RECORD ? null : f.recordSchema(out);
      if (nested != null && old instanceof Map && e.getValue() instanceof Map) {
        out.put(e.getKey(), deepMerge(nested, (Map<String, Object>) old, (Map<String, Object>) e.getValue()));
      } else {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  private static final Schema FOREIGN_KEY = Schema.of("foreign", Field.uuid("id").required());

  static Schema foreignKeySchema() {
    return FOREIGN_KEY;
  }

  /** The row of a foreign-key value pointing at {@code id}. */
  public static Row foreignKey(String id) {
    return FOREIGN_KEY.validate(Map.of("id", id));
  }

  @Override
  public String toString() {
    return "Schema[" + name + "]";
  }
}
