package dev.llmgateway.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One field of a {@link Schema}: its Kong type, whether it is required, its default and its validators.
 * Fields are immutable; the fluent methods return changed copies.
 */
public final class Field {
  /** Kong's field types. */
  public enum Type { STRING, INTEGER, NUMBER, BOOLEAN, ARRAY, SET, MAP, RECORD, FOREIGN }

  private final String name;
  private final Type type;
  private final boolean required;
  private final boolean hasDefault;
  private final Object defaultValue;
  private final List<Validator> validators;
  private final Field elements;
  private final Schema record;
  private final String reference;
  private final boolean unique;
  private final String description;
  private final Function<Map<String, Object>, Schema> selector;

  private Field(String name, Type type, boolean required, boolean hasDefault, Object defaultValue,
      List<Validator> validators, Field elements, Schema record, String reference, boolean unique,
      String description, Function<Map<String, Object>, Schema> selector) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.required = required;
    this.hasDefault = hasDefault;
    this.defaultValue = defaultValue;
    this.validators = List.copyOf(validators);
    this.elements = elements;
    this.record = record;
    this.reference = reference;
    this.unique = unique;
    this.description = description;
    this.selector = selector;
  }

  private static Field of(String name, Type type) {
    return new Field(name, type, false, false, null, List.of(), null, null, null, false, null, null);
  }

  public static Field string(String name) {
    return of(name, Type.STRING).validate(Validators.lenMin(1));
  }

  public static Field integer(String name) {
    return of(name, Type.INTEGER);
  }

  public static Field number(String name) {
    return of(name, Type.NUMBER);
  }

  public static Field bool(String name) {
    return of(name, Type.BOOLEAN);
  }

  /** An ordered list of elements described by {@code elements} (whose name is ignored). */
  public static Field array(String name, Field elements) {
    return new Field(name, Type.ARRAY, false, false, null, List.of(), elements, null, null, false, null, null);
  }

  /** An unordered list whose duplicates are removed silently. */
  public static Field set(String name, Field elements) {
    return new Field(name, Type.SET, false, false, null, List.of(), elements, null, null, false, null, null);
  }

  /** A map from string keys to values described by {@code values}. */
  public static Field map(String name, Field values) {
    return new Field(name, Type.MAP, false, false, null, List.of(), values, null, null, false, null, null);
  }

  /** A nested record with its own schema. */
  public static Field record(String name, Schema schema) {
    return new Field(name, Type.RECORD, false, false, null, List.of(), null, schema, null, false, null, null);
  }

  /**
   * A nested record whose schema depends on sibling values, like a plugin's {@code config} on its {@code name};
   * the selector answers null when no schema applies (a sibling field then carries the error).
   */
  public static Field record(String name, Function<Map<String, Object>, Schema> selector) {
    return new Field(name, Type.RECORD, false, false, null, List.of(), null, null, null, false, null,
        Objects.requireNonNull(selector, "selector"));
  }

  /** A reference to another entity, rendered as {@code {"id": "..."}}. */
  public static Field foreign(String name, String entity) {
    return new Field(name, Type.FOREIGN, false, false, null, List.of(), null, null, entity, false, null, null);
  }

  /** A UUID string ({@code expected a valid UUID}). */
  public static Field uuid(String name) {
    return of(name, Type.STRING).validate(Validators.UUID);
  }

  public Field required() {
    return new Field(name, type, true, hasDefault, defaultValue, validators, elements, record, reference, unique,
        description, selector);
  }

  /** The value used when the field is absent from input (an explicit null stays null). */
  public Field defaultValue(Object value) {
    return new Field(name, type, required, true, value, validators, elements, record, reference, unique,
        description, selector);
  }

  /**
   * A value generated when the field is absent from input, like Kong's {@code auto = true} (a credential's
   * {@code key}): each validation that needs a default asks {@code generator} for a fresh one.
   */
  public Field auto(Supplier<?> generator) {
    return defaultValue(new Auto(Objects.requireNonNull(generator, "generator")));
  }

  public Field validate(Validator validator) {
    List<Validator> v = new ArrayList<>(validators);
    v.add(validator);
    return new Field(name, type, required, hasDefault, defaultValue, v, elements, record, reference, unique,
        description, selector);
  }

  public Field unique() {
    return new Field(name, type, required, hasDefault, defaultValue, validators, elements, record, reference, true,
        description, selector);
  }

  public Field description(String text) {
    return new Field(name, type, required, hasDefault, defaultValue, validators, elements, record, reference, unique,
        text, selector);
  }

  public Field oneOf(String... values) {
    return validate(Validators.oneOf(Arrays.asList(values)));
  }

  public Field between(long min, long max) {
    return validate(Validators.between(min, max));
  }

  public Field startsWith(String prefix) {
    return validate(Validators.startsWith(prefix));
  }

  public Field lenMin(int min) {
    return validate(Validators.lenMin(min));
  }

  public Field matches(Pattern pattern, String message) {
    return validate(Validators.matches(pattern, message));
  }

  public String name() {
    return name;
  }

  public Type type() {
    return type;
  }

  public boolean isRequired() {
    return required;
  }

  public boolean hasDefault() {
    return hasDefault;
  }

  /** The default value; a fresh one each call for {@link #auto} fields. */
  public Object defaultValue() {
    return defaultValue instanceof Auto a ? a.generator.get() : defaultValue;
  }

  /** True when the default is generated per entity ({@link #auto}) rather than a constant. */
  public boolean isAuto() {
    return defaultValue instanceof Auto;
  }

  public List<Validator> validators() {
    return validators;
  }

  /** The element (array, set) or value (map) description, else null. */
  public Field elements() {
    return elements;
  }

  /** The nested schema of a record field, else null. */
  public Schema recordSchema() {
    return record;
  }

  /** The schema of a record field for the given sibling values (dynamic records consult their selector). */
  public Schema recordSchema(Map<String, Object> siblings) {
    return selector == null ? record : selector.apply(siblings);
  }

  /** The referenced entity name of a foreign field, else null. */
  public String reference() {
    return reference;
  }

  public boolean isUnique() {
    return unique;
  }

  public String description() {
    return description;
  }

  /** A fresh random id, for {@code id} fields left out of input. */
  public static String newId() {
    return UUID.randomUUID().toString();
  }

  @Override
  public String toString() {
    return name + ":" + type.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Marks a generated default. */
  private record Auto(Supplier<?> generator) {}
}
