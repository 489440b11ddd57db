package dev.llmgateway.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One field of a {@link Schema}: its Kong type, whether it is required, its default and its validators. Fields are
 * immutable; the fluent methods return changed copies. Validators run in Kong's fixed order whatever order they
 * are declared in (see {@link Rule.Kind}); strings get Kong's implicit {@code len_min = 1} unless a length minimum
 * is declared, and records count as required unless declared {@link #optional()} (Kong makes entity records
 * required so that their defaults always show).
 */
public final class Field {
  /** Kong's field types. */
  public enum Type { STRING, INTEGER, NUMBER, BOOLEAN, ARRAY, SET, MAP, RECORD, FOREIGN }

  private static final Field ANY_STRING = new Field(new FieldSpec("key", Type.STRING));

  private final FieldSpec spec;
  private final List<Rule> ordered;

  private Field(FieldSpec spec) {
    this.spec = spec;
    List<Rule> rules = new ArrayList<>(spec.rules);
    if (spec.type == Type.STRING && rules.stream().noneMatch(r -> r.kind() == Rule.Kind.LEN_MIN)) {
      rules.add(new Rule(Rule.Kind.LEN_MIN, Validators.lenMin(1)));
    }
    rules.sort(Comparator.comparing(Rule::kind));
    this.ordered = List.copyOf(rules);
  }

  private static Field of(String name, Type type, Consumer<FieldSpec> setup) {
    FieldSpec s = new FieldSpec(name, type);
    setup.accept(s);
    return new Field(s);
  }

  private Field with(Consumer<FieldSpec> change) {
    FieldSpec s = spec.copy();
    change.accept(s);
    return new Field(s);
  }

  private Field rule(Rule.Kind kind, Validator validator) {
    Objects.requireNonNull(validator, "validator");
    return with(s -> s.rules.add(new Rule(kind, validator)));
  }

  public static Field string(String name) {
    return of(name, Type.STRING, s -> { });
  }

  public static Field integer(String name) {
    return of(name, Type.INTEGER, s -> { });
  }

  public static Field number(String name) {
    return of(name, Type.NUMBER, s -> { });
  }

  public static Field bool(String name) {
    return of(name, Type.BOOLEAN, s -> { });
  }

  /** An ordered list of elements described by {@code elements} (whose name is ignored). */
  public static Field array(String name, Field elements) {
    return of(name, Type.ARRAY, s -> s.elements = Objects.requireNonNull(elements, "elements"));
  }

  /** An unordered list whose duplicates are removed silently (before validation, as Kong does). */
  public static Field set(String name, Field elements) {
    return of(name, Type.SET, s -> s.elements = Objects.requireNonNull(elements, "elements"));
  }

  /** A map from non-empty string keys to values described by {@code values}. */
  public static Field map(String name, Field values) {
    return map(name, ANY_STRING, values);
  }

  /** A map whose keys are validated by {@code keys} and values by {@code values}. */
  public static Field map(String name, Field keys, Field values) {
    return of(name, Type.MAP, s -> {
      s.keys = Objects.requireNonNull(keys, "keys");
      s.elements = Objects.requireNonNull(values, "values");
    });
  }

  /** A nested record with its own schema. */
  public static Field record(String name, Schema schema) {
    return of(name, Type.RECORD, s -> s.record = Objects.requireNonNull(schema, "schema"));
  }

  /**
   * A nested record whose schema depends on sibling values; when the selector answers null the field fails with
   * Kong's "error in schema prevents from validating this field". (Plugin configs use subschemas instead.)
   */
  public static Field record(String name, Function<Map<String, Object>, Schema> selector) {
    return of(name, Type.RECORD, s -> s.selector = Objects.requireNonNull(selector, "selector"));
  }

  /** A reference to another entity, rendered as {@code {"id": "..."}}. */
  public static Field foreign(String name, String entity) {
    return of(name, Type.FOREIGN, s -> s.reference = Objects.requireNonNull(entity, "entity"));
  }

  /** A UUID string ({@code expected a valid UUID}). */
  public static Field uuid(String name) {
    return of(name, Type.STRING, s -> s.rules.add(new Rule(Rule.Kind.UUID, Validators.UUID)));
  }

  public Field required() {
    return with(s -> s.required = true);
  }

  /** Not required, even for a record (Kong's explicit {@code required = false}). */
  public Field optional() {
    return with(s -> s.required = false);
  }

  /** The value used when the field is absent from input (an explicit null stays null, as in Kong). */
  public Field defaultValue(Object value) {
    return with(s -> {
      s.hasDefault = true;
      s.defaultValue = value;
    });
  }

  /**
   * A value generated when the field is absent from input, like Kong's {@code auto = true} (a credential's
   * {@code key}): each validation that needs a default asks {@code generator} for a fresh one.
   */
  public Field auto(Supplier<?> generator) {
    return defaultValue(new Auto(Objects.requireNonNull(generator, "generator")));
  }

  /** A custom validator (Kong's {@code custom_validator}); it runs after every built-in validator. */
  public Field validate(Validator validator) {
    return rule(Rule.Kind.CUSTOM, validator);
  }

  /** Replaces the text of any validator failure (Kong's field {@code err}); type errors keep their own text. */
  public Field err(String message) {
    return with(s -> s.err = Objects.requireNonNull(message, "message"));
  }

  /** The value must be null (Kong's {@code eq = null}), for fields a subschema forbids. */
  public Field mustBeNull() {
    return with(s -> s.mustBeNull = true);
  }

  /** The value must not equal {@code value} ({@code value must not be X}). */
  public Field mustNotEqual(Object value) {
    return rule(Rule.Kind.NE, Validators.notEqual(value));
  }

  public Field unique() {
    return with(s -> s.unique = true);
  }

  public Field description(String text) {
    return with(s -> s.description = text);
  }

  public Field oneOf(String... values) {
    Validator validator = Validators.oneOf(Arrays.asList(values));
    return with(s -> {
      s.rules.add(new Rule(Rule.Kind.ONE_OF, validator));
      s.oneOf = List.copyOf(Arrays.asList(values));
    });
  }

  /** Kong's {@code one_of} over non-string values, such as status codes. */
  public Field oneOfValues(Object... values) {
    Validator validator = Validators.oneOfValues(Arrays.asList(values));
    return with(s -> {
      s.rules.add(new Rule(Rule.Kind.ONE_OF, validator));
      s.oneOf = List.copyOf(Arrays.asList(values));
    });
  }

  public Field notOneOf(String... values) {
    return rule(Rule.Kind.NOT_ONE_OF, Validators.notOneOf(Arrays.asList(values)));
  }

  public Field between(long min, long max) {
    return rule(Rule.Kind.BETWEEN, Validators.between(min, max));
  }

  /** Strictly greater than (Kong's {@code gt}). */
  public Field greaterThan(double bound) {
    return rule(Rule.Kind.GT, Validators.greaterThan(bound));
  }

  /** Kong's {@code timestamp}: a positive number ({@code expected a valid timestamp}). */
  public Field timestamp() {
    return rule(Rule.Kind.TIMESTAMP, Validators.TIMESTAMP);
  }

  public Field startsWith(String prefix) {
    return rule(Rule.Kind.STARTS_WITH, Validators.startsWith(prefix));
  }

  public Field lenMin(int min) {
    return rule(Rule.Kind.LEN_MIN, Validators.lenMin(min));
  }

  public Field lenMax(int max) {
    return rule(Rule.Kind.LEN_MAX, Validators.lenMax(max));
  }

  public Field lenEq(int length) {
    return rule(Rule.Kind.LEN_EQ, Validators.lenEq(length));
  }

  /** Kong's {@code match}: the pattern must be found; {@code message} is the error. */
  public Field matches(Pattern pattern, String message) {
    return rule(Rule.Kind.MATCH, Validators.matches(pattern, message));
  }

  /** Kong's {@code match} with its own text: {@code invalid value: <value>}. */
  public Field match(Pattern pattern) {
    return rule(Rule.Kind.MATCH, v -> pattern.matcher((String) v).find() ? null : "invalid value: " + v);
  }

  /** Kong's {@code match_none}: the pattern must not be found. */
  public Field matchNone(Pattern pattern, String message) {
    return rule(Rule.Kind.MATCH_NONE, Validators.matchNone(pattern, message));
  }

  /** Kong's {@code match_all}: every pattern must be found (one rule per pattern). */
  public Field matchAll(Pattern pattern, String message) {
    return rule(Rule.Kind.MATCH_ALL, Validators.matches(pattern, message));
  }

  /** Kong's {@code match_any}: at least one of the patterns must be found. */
  public Field matchAny(String message, Pattern... patterns) {
    return rule(Rule.Kind.MATCH_ANY, Validators.matchAny(List.of(patterns), message));
  }

  /** Kong's {@code contains} for arrays and sets. */
  public Field contains(Object wanted) {
    return rule(Rule.Kind.CONTAINS, Validators.contains(wanted));
  }

  /** Kong's {@code mutually_exclusive_subsets}: the elements may come from one of the subsets only. */
  public Field mutuallyExclusiveSubsets(List<List<String>> subsets) {
    return rule(Rule.Kind.MUTUALLY_EXCLUSIVE_SUBSETS, Validators.mutuallyExclusiveSubsets(subsets));
  }

  public String name() {
    return spec.name;
  }

  public Type type() {
    return spec.type;
  }

  /** Whether null (or absence without a default) is an error; records are required unless {@link #optional()}. */
  public boolean isRequired() {
    return spec.type == Type.RECORD ? !Boolean.FALSE.equals(spec.required) : Boolean.TRUE.equals(spec.required);
  }

  public boolean hasDefault() {
    return spec.hasDefault;
  }

  /** The default value; a fresh one each call for {@link #auto} fields. */
  public Object defaultValue() {
    return spec.defaultValue instanceof Auto a ? a.generator.get() : spec.defaultValue;
  }

  /** True when the default is generated per entity ({@link #auto}) rather than a constant. */
  public boolean isAuto() {
    return spec.defaultValue instanceof Auto;
  }

  /** The validators in the order they run (Kong's order, including the implicit string length minimum). */
  public List<Validator> validators() {
    List<Validator> out = new ArrayList<>(ordered.size());
    for (Rule r : ordered) {
      out.add(r.validator());
    }
    return out;
  }

  List<Rule> rules() {
    return ordered;
  }

  /** The element (array, set) or value (map) description, else null. */
  public Field elements() {
    return spec.elements;
  }

  /** The key description of a map field, else null. */
  public Field keys() {
    return spec.keys;
  }

  /** The nested schema of a record field, else null. */
  public Schema recordSchema() {
    return spec.record;
  }

  /** The schema of a record field for the given sibling values (dynamic records consult their selector). */
  public Schema recordSchema(Map<String, Object> siblings) {
    return spec.selector == null ? spec.record : spec.selector.apply(siblings);
  }

  boolean isDynamicRecord() {
    return spec.selector != null;
  }

  /** The referenced entity name of a foreign field, else null. */
  public String reference() {
    return spec.reference;
  }

  public boolean isUnique() {
    return spec.unique;
  }

  public String description() {
    return spec.description;
  }

  /** True when any non-null value is refused ({@link #mustBeNull()}). */
  public boolean isMustBeNull() {
    return spec.mustBeNull;
  }

  /** The values of the field's {@code one_of} (the last one declared), or null when it has none. */
  public List<Object> allowedValues() {
    return spec.oneOf;
  }

  /** The text that replaces validator failures ({@link #err(String)}), or null. */
  public String errorMessage() {
    return spec.err;
  }

  /** A fresh random id, for {@code id} fields left out of input. */
  public static String newId() {
    return UUID.randomUUID().toString();
  }

  @Override
  public String toString() {
    return spec.name + ":" + spec.type.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Marks a generated default. */
  private record Auto(Supplier<?> generator) {}
}
