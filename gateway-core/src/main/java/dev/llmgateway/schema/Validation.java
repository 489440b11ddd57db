package dev.llmgateway.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One validation run, following {@code Schema:process_auto_fields} then {@code Schema:validate} of Kong: every
 * field is checked (the errors of all fields are collected, not just the first), then the entity checks run on
 * the processed values, some of them even when fields are invalid, as Kong's checkers declare.
 */
final class Validation {
  static final String REQUIRED = "required field missing";
  static final String UNKNOWN = "unknown field";

  private final boolean update;

  /** @param update Kong's {@code validate_update}: entity checks word their errors "when updating, ..." */
  Validation(boolean update) {
    this.update = update;
  }

  /** The row (null when invalid) and the processed values (defaults filled in) the checks saw. */
  record Result(Row row, Map<String, Object> processed) {}

  Result record(Schema schema, Map<String, Object> rawInput, FieldErrors out) {
    Map<String, Object> input = rawInput == null ? Map.of() : schema.expandShorthands(rawInput);
    Subschema sub = null;
    String keyField = schema.subschemaKey();
    if (keyField != null) {
      Field kf = schema.field(keyField);
      Object key = input.containsKey(keyField) ? input.get(keyField) : kf.hasDefault() ? kf.defaultValue() : null;
      if (key == null) {
        out.put(keyField, REQUIRED);
        return new Result(null, input);
      }
      sub = schema.subschemaFor(key);
      if (sub == null) {
        out.put(keyField, schema.unknownSubschemaMessage(key));
        return new Result(null, input);
      }
    }
    Map<String, Field> fields = schema.effectiveFields(sub);
    for (String key : input.keySet()) {
      if (!fields.containsKey(key)) {
        out.put(key, UNKNOWN);
      }
    }
    Map<String, Object> processed = new LinkedHashMap<>();
    Map<String, Object> normalized = new LinkedHashMap<>();
    boolean fieldsValid = true;
    for (Field f : fields.values()) {
      Object raw = input.containsKey(f.name()) ? input.get(f.name()) : missing(f);
      Outcome o = value(f, raw, false, input);
      processed.put(f.name(), o.processed());
      if (o.error() != null) {
        out.putError(f.name(), o.error());
        fieldsValid = false;
      } else {
        normalized.put(f.name(), o.value());
      }
    }
    CheckContext ctx = new CheckContext(processed, new HashMap<>(out.fieldsView()), fields, update);
    runChecks(schema.checks(), ctx, normalized, fieldsValid, out);
    if (sub != null) {
      runChecks(sub.checks(), ctx, normalized, fieldsValid, out);
    }
    return new Result(out.isEmpty() ? new Row(schema, normalized) : null, processed);
  }

  private static void runChecks(List<EntityCheck> checks, CheckContext ctx, Map<String, Object> normalized,
      boolean fieldsValid, FieldErrors out) {
    for (EntityCheck c : checks) {
      if (c instanceof ContextCheck k) {
        k.run(ctx, out);
        continue;
      }
      List<String> reads = c.fields();
      if (reads == null) {
        if (fieldsValid) {
          c.check(Collections.unmodifiableMap(normalized), out);
        }
      } else if (c.runsWithInvalidFields() || reads.stream().allMatch(ctx::valid)) {
        c.check(Collections.unmodifiableMap(ctx.values()), out);
      }
    }
  }

  /** What Kong puts in place of an absent field: its default, a record's defaults, or null. */
  private static Object missing(Field f) {
    if (f.hasDefault()) {
      return f.defaultValue();
    }
    return f.type() == Field.Type.RECORD && f.isRequired() ? new LinkedHashMap<String, Object>() : null;
  }

  /** A checked value: the normalized value, the value as processed (for entity checks), or the error. */
  record Outcome(Object value, Object processed, Object error) {
    static Outcome ok(Object value) {
      return new Outcome(value, value, null);
    }

    static Outcome fail(Object error, Object processed) {
      return new Outcome(null, processed, error);
    }
  }

  /** Kong's {@code Schema:validate_field}: null handling, the type and its contents, then the validators. */
  Outcome value(Field f, Object v, boolean forceRequired, Map<String, Object> siblings) {
    if (v == null) {
      return forceRequired || f.isRequired() ? Outcome.fail(REQUIRED, null) : Outcome.ok(null);
    }
    if (f.isMustBeNull()) {
      return Outcome.fail(orErr(f, "value must be null"), v);
    }
    Outcome typed = typed(f, v, siblings);
    if (typed.error() != null) {
      return typed;
    }
    for (Rule r : f.rules()) {
      String message = check(r.validator(), typed.value());
      if (message != null) {
        return Outcome.fail(orErr(f, message), typed.processed());
      }
    }
    return typed;
  }

  /** A validator's verdict; one that throws is reported as Kong's generic failure, never as a server error. */
  private static String check(Validator validator, Object value) {
    try {
      return validator.check(value);
    } catch (RuntimeException e) {
      return "failed validating: " + value;
    }
  }

  private static String orErr(Field f, String message) {
    return f.errorMessage() != null ? f.errorMessage() : message;
  }

  private Outcome typed(Field f, Object v, Map<String, Object> siblings) {
    switch (f.type()) {
      case STRING:
        return v instanceof String ? Outcome.ok(v) : Outcome.fail("expected a string", v);
      case INTEGER:
        Object integral = Numbers.integral(v);
        return integral != null ? Outcome.ok(integral) : Outcome.fail("expected an integer", v);
      case NUMBER:
        Object number = Numbers.number(v);
        return number != null ? Outcome.ok(number) : Outcome.fail("expected a number", v);
      case BOOLEAN:
        return v instanceof Boolean ? Outcome.ok(v) : Outcome.fail("expected a boolean", v);
      case ARRAY:
      case SET:
        return elements(f, v, siblings);
      case MAP:
        return map(f, v, siblings);
      case RECORD:
        return record(f, v, siblings);
      case FOREIGN:
        return ForeignKeys.check(v);
      default:
        throw new IllegalStateException(f.type().toString());
    }
  }

  private Outcome elements(Field f, Object v, Map<String, Object> siblings) {
    List<?> list = v instanceof List<?> l ? l : v instanceof Map<?, ?> m && m.isEmpty() ? List.of() : null;
    if (list == null) {
      return Outcome.fail(f.type() == Field.Type.SET ? "expected a set" : "expected an array", v);
    }
    if (f.type() == Field.Type.SET) {
      list = Numbers.distinctScalars(list);
    }
    List<Object> out = new ArrayList<>(list.size());
    ElementErrors errors = new ElementErrors();
    for (int i = 0; i < list.size(); i++) {
      Outcome o = value(f.elements(), list.get(i), true, siblings);
      if (o.error() != null) {
        errors.put(i, o.error());
      } else {
        out.add(o.value());
      }
    }
    return errors.isEmpty() ? Outcome.ok(Collections.unmodifiableList(out)) : Outcome.fail(errors, list);
  }

  private Outcome map(Field f, Object v, Map<String, Object> siblings) {
    if (v instanceof List<?> l) {
      // A Lua array is a table with integer keys: empty is an empty map, else the first key is not a string.
      return l.isEmpty() ? Outcome.ok(Map.of()) : Outcome.fail("expected a string", v);
    }
    if (!(v instanceof Map<?, ?> m)) {
      return Outcome.fail("expected a map", v);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      Outcome key = value(f.keys(), e.getKey(), true, siblings);
      if (key.error() != null) {
        return Outcome.fail(key.error(), v);
      }
      Outcome value = value(f.elements(), e.getValue(), true, siblings);
      if (value.error() != null) {
        return Outcome.fail(value.error(), v);
      }
      out.put((String) key.value(), value.value());
    }
    return Outcome.ok(Collections.unmodifiableMap(out));
  }

  @SuppressWarnings("unchecked")
  private Outcome record(Field f, Object v, Map<String, Object> siblings) {
    Schema schema = f.isDynamicRecord() ? f.recordSchema(siblings) : f.recordSchema();
    if (schema == null) {
      return Outcome.fail("error in schema prevents from validating this field", v);
    }
    if (v instanceof Row r && r.schema() == schema) {
      return Outcome.ok(r);
    }
    Map<String, Object> input;
    if (v instanceof Row r) {
      input = r.toPlainMap();
    } else if (v instanceof Map<?, ?> m) {
      input = (Map<String, Object>) m;
    } else if (v instanceof List<?> l && l.isEmpty()) {
      input = Map.of();
    } else {
      return Outcome.fail("expected a record", v);
    }
    FieldErrors nested = new FieldErrors();
    Result result = record(schema, input, nested);
    return result.row() != null ? Outcome.ok(result.row()) : Outcome.fail(nested, result.processed());
  }
}
