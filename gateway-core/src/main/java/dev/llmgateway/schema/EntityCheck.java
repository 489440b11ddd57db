package dev.llmgateway.schema;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A check across fields of one record (Kong's {@code entity_checks}), reporting into {@link FieldErrors}, usually
 * as an {@code @entity} error. The factories here are Kong's checkers with Kong's texts and Kong's rules for when
 * they run (some run even when a field they read is invalid). A check written as a lambda runs only when every
 * field of the record is valid, and then sees the validated values (nested records as {@link Row}s). Field names
 * may be dotted ({@code config.minute}) to reach into a record, as plugin-level checks do.
 */
@FunctionalInterface
public interface EntityCheck {
  void check(Map<String, Object> values, FieldErrors errors);

  /** The fields this check reads; null means the whole record, and the check runs only when all of it is valid. */
  default List<String> fields() {
    return null;
  }

  /** Whether the check still runs when one of its {@link #fields()} is invalid. */
  default boolean runsWithInvalidFields() {
    return false;
  }

  /** Kong's {@code at_least_one_of}: one of these fields must be non-empty (not null, "", [] or {}). */
  static EntityCheck atLeastOneOf(String... fields) {
    return new KongChecks.AtLeastOneOf(Arrays.asList(fields));
  }

  /** Kong's {@code only_one_of}: exactly one of these fields must be non-empty. */
  static EntityCheck onlyOneOf(String... fields) {
    return new KongChecks.Count(Arrays.asList(fields), KongChecks.Count.Rule.EXACTLY_ONE);
  }

  /** Kong's {@code mutually_exclusive}: at most one of these fields may be set. */
  static EntityCheck mutuallyExclusive(String... fields) {
    return new KongChecks.Count(Arrays.asList(fields), KongChecks.Count.Rule.AT_MOST_ONE);
  }

  /** Kong's {@code mutually_required}: all or none of these fields must be set. */
  static EntityCheck mutuallyRequired(String... fields) {
    return new KongChecks.Count(Arrays.asList(fields), KongChecks.Count.Rule.ALL_OR_NONE);
  }

  /** Kong's {@code distinct}: the non-empty values of these fields must differ. */
  static EntityCheck distinct(String... fields) {
    return new KongChecks.Distinct(Arrays.asList(fields));
  }

  /** Kong's {@code conditional} with {@code then_match = { required = true }} on {@code if_field == ifValue}. */
  static EntityCheck requiredWhen(String ifField, Object ifValue, String thenField) {
    return conditional(ifField, v -> Validators.sameValue(v, ifValue), thenField, Then.required(), null);
  }

  /**
   * Kong's {@code conditional}: when {@code ifField} holds a valid value matching {@code ifMatch} (or is null and
   * not required), {@code thenField} must satisfy {@code then}; a failure sets the then-field's error and adds
   * {@code thenErr} (formatted with the if-field's name) or "failed conditional validation given value of field
   * 'x'" to {@code @entity}.
   */
  static EntityCheck conditional(String ifField, Predicate<Object> ifMatch, String thenField, Then then,
      String thenErr) {
    return new KongChecks.Conditional(ifField, ifMatch, thenField, then, thenErr);
  }

  /**
   * Kong's {@code conditional_at_least_one_of}: when {@code ifField} matches, one of {@code thenFields} must be
   * non-empty, else {@code thenErr} (formatted with the quoted field list); otherwise, when it matches
   * {@code elseMatch} (may be null), one of {@code elseFields} must be, else {@code elseErr}.
   */
  static EntityCheck conditionalAtLeastOneOf(String ifField, Predicate<Object> ifMatch, List<String> thenFields,
      String thenErr, Predicate<Object> elseMatch, List<String> elseFields, String elseErr) {
    return new KongChecks.ConditionalAtLeastOneOf(ifField, ifMatch, thenFields, thenErr, elseMatch, elseFields,
        elseErr);
  }

  /**
   * Kong's {@code custom_entity_check}: runs when {@code fields} are valid; {@code fn} sees the record's values and
   * answers an {@code @entity} error or null.
   */
  static EntityCheck custom(List<String> fields, Function<Map<String, Object>, String> fn) {
    return new KongChecks.Custom(fields, fn);
  }

  /** What a {@link #conditional} demands of its then-field (Kong's {@code then_match}). */
  final class Then {
    private final boolean requiresValue;
    private final boolean decidesAlone;
    private final Validator check;

    private Then(boolean requiresValue, boolean decidesAlone, Validator check) {
      this.requiresValue = requiresValue;
      this.decidesAlone = decidesAlone;
      this.check = check;
    }

    /** The field must be set ({@code required = true}). */
    public static Then required() {
      return new Then(true, false, v -> null);
    }

    /** The field must be set and pass {@code check} ({@code required = true} with a {@code custom_validator}). */
    public static Then requiredAnd(Validator check) {
      return new Then(true, false, check);
    }

    /** The field, when set, must pass {@code check} (for example {@code contains}). */
    public static Then satisfies(Validator check) {
      return new Then(false, false, check);
    }

    /** The field must be null ({@code eq = null}). */
    public static Then mustBeNull() {
      return new Then(false, true, v -> "value must be null");
    }

    /** The field (an array, set or string) must have this length ({@code len_eq}). */
    public static Then lenEq(int length) {
      return new Then(false, false, Validators.lenEq(length));
    }

    /** The field must be one of these values ({@code one_of}). */
    public static Then oneOf(String... values) {
      return new Then(false, false, Validators.oneOf(Arrays.asList(values)));
    }

    boolean requiresValue() {
      return requiresValue;
    }

    boolean decidesAlone() {
      return decidesAlone;
    }

    String failure(Object value) {
      return check.check(value);
    }
  }
}
