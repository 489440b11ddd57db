package dev.llmgateway.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/** Kong's entity checkers ({@code Schema.entity_checkers} in {@code kong/db/schema/init.lua}), message for message. */
final class KongChecks {
  private KongChecks() {}

  static final String AT_LEAST_ONE_OF = "at least one of these fields must be non-empty: ";
  static final String CONDITIONAL = "failed conditional validation given value of field '%s'";

  private static String atLeastOneOf(CheckContext ctx, List<String> fields) {
    return (ctx.update() ? "when updating, " : "") + AT_LEAST_ONE_OF + CheckContext.quoted(fields);
  }

  private static int countNonEmpty(CheckContext ctx, List<String> fields) {
    int n = 0;
    for (String f : fields) {
      if (CheckContext.nonEmpty(ctx.value(f))) {
        n++;
      }
    }
    return n;
  }

  private static boolean allValid(CheckContext ctx, List<String> fields) {
    return fields.stream().allMatch(ctx::valid);
  }

  /**
   * Whether a condition on a field holds, as Kong tests {@code if_match} against the field's own definition: a
   * null value passes unless the field is required; any other value must be valid and match.
   */
  static boolean holds(CheckContext ctx, String field, Predicate<Object> match) {
    Object v = ctx.value(field);
    if (v == null) {
      // A field inside a record that is itself missing is not there to match (Kong fails harder on that).
      int dot = field.lastIndexOf('.');
      return !ctx.required(field) && (dot < 0 || ctx.value(field.substring(0, dot)) != null);
    }
    return ctx.valid(field) && match.test(v);
  }

  /** {@code at_least_one_of}: runs even with invalid or missing fields. */
  static final class AtLeastOneOf extends ContextCheck {
    private final List<String> fields;

    AtLeastOneOf(List<String> fields) {
      this.fields = List.copyOf(fields);
    }

    @Override
    void run(CheckContext ctx, FieldErrors errors) {
      if (countNonEmpty(ctx, fields) == 0) {
        errors.entity(atLeastOneOf(ctx, fields));
      }
    }
  }

  /** {@code only_one_of}, {@code mutually_exclusive}, {@code mutually_required}: counts of non-empty fields. */
  static final class Count extends ContextCheck {
    enum Rule { EXACTLY_ONE, AT_MOST_ONE, ALL_OR_NONE }

    private final List<String> fields;
    private final Rule rule;

    Count(List<String> fields, Rule rule) {
      this.fields = List.copyOf(fields);
      this.rule = rule;
    }

    @Override
    void run(CheckContext ctx, FieldErrors errors) {
      if (rule != Rule.EXACTLY_ONE && !allValid(ctx, fields)) {
        return;
      }
      int n = countNonEmpty(ctx, fields);
      String list = CheckContext.quoted(fields);
      if (rule == Rule.EXACTLY_ONE && n != 1) {
        errors.entity("exactly one of these fields must be non-empty: " + list);
      } else if (rule == Rule.AT_MOST_ONE && n > 1) {
        errors.entity("only one or none of these fields must be set: " + list);
      } else if (rule == Rule.ALL_OR_NONE && n != 0 && n != fields.size()) {
        errors.entity("all or none of these fields must be set: " + list);
      }
    }
  }

  /** {@code distinct}: the non-empty values of these fields differ. */
  static final class Distinct extends ContextCheck {
    private final List<String> fields;

    Distinct(List<String> fields) {
      this.fields = List.copyOf(fields);
    }

    @Override
    void run(CheckContext ctx, FieldErrors errors) {
      List<Object> seen = new ArrayList<>();
      for (String f : fields) {
        Object v = ctx.value(f);
        if (CheckContext.nonEmpty(v)) {
          if (seen.stream().anyMatch(s -> Validators.sameValue(s, v))) {
            errors.entity("values of these fields must be distinct: " + CheckContext.quoted(fields));
            return;
          }
          seen.add(v);
        }
      }
    }
  }

  /** {@code conditional}: when the if-field matches, the then-field must satisfy {@code then}. */
  static final class Conditional extends ContextCheck {
    private final String ifField;
    private final Predicate<Object> ifMatch;
    private final String thenField;
    private final EntityCheck.Then then;
    private final String thenErr;

    Conditional(String ifField, Predicate<Object> ifMatch, String thenField, EntityCheck.Then then, String thenErr) {
      this.ifField = ifField;
      this.ifMatch = ifMatch;
      this.thenField = thenField;
      this.then = then;
      this.thenErr = thenErr;
    }

    @Override
    void run(CheckContext ctx, FieldErrors errors) {
      if (!holds(ctx, ifField, ifMatch)) {
        return;
      }
      Object v = ctx.value(thenField);
      String conditional = String.format(CONDITIONAL, ifField);
      String entityError = thenErr != null ? String.format(thenErr, ifField) : conditional;
      if (v == null) {
        if (then.requiresValue() || ctx.required(thenField)) {
          CheckContext.setError(errors, thenField, Validation.REQUIRED);
          errors.entity(then.requiresValue() ? conditional : entityError);
        }
        return;
      }
      // Kong re-validates the value with then_match layered over the field: an invalid value fails again with
      // its own error (an empty failure here keeps it), unless then_match's own check decides first.
      String failure = then.failure(v);
      if (failure == null && !then.decidesAlone() && !ctx.valid(thenField)) {
        failure = "";
      } else if (failure != null && !then.decidesAlone() && !ctx.valid(thenField) && !(v instanceof String)) {
        failure = "";
      }
      if (failure == null) {
        return;
      }
      if (!failure.isEmpty()) {
        CheckContext.setError(errors, thenField, failure);
      }
      errors.entity(entityError);
    }
  }

  /** {@code conditional_at_least_one_of}: when the if-field matches, one of the then-fields must be set. */
  static final class ConditionalAtLeastOneOf extends ContextCheck {
    private final String ifField;
    private final Predicate<Object> ifMatch;
    private final List<String> thenFields;
    private final String thenErr;
    private final Predicate<Object> elseMatch;
    private final List<String> elseFields;
    private final String elseErr;

    ConditionalAtLeastOneOf(String ifField, Predicate<Object> ifMatch, List<String> thenFields, String thenErr,
        Predicate<Object> elseMatch, List<String> elseFields, String elseErr) {
      this.ifField = ifField;
      this.ifMatch = ifMatch;
      this.thenFields = List.copyOf(thenFields);
      this.thenErr = thenErr;
      this.elseMatch = elseMatch;
      this.elseFields = elseFields == null ? List.of() : List.copyOf(elseFields);
      this.elseErr = elseErr;
    }

    @Override
    void run(CheckContext ctx, FieldErrors errors) {
      if (holds(ctx, ifField, ifMatch)) {
        require(ctx, errors, thenFields, thenErr);
      } else if (elseMatch != null && holds(ctx, ifField, elseMatch)) {
        require(ctx, errors, elseFields, elseErr);
      }
    }

    private static void require(CheckContext ctx, FieldErrors errors, List<String> fields, String err) {
      if (countNonEmpty(ctx, fields) == 0) {
        String list = CheckContext.quoted(fields);
        errors.entity(err != null ? String.format(err, list) : atLeastOneOf(ctx, fields));
      }
    }
  }

  /** {@code custom_entity_check}: runs when its fields are valid; the function answers an error or null. */
  static final class Custom extends ContextCheck {
    private final List<String> fields;
    private final Function<java.util.Map<String, Object>, String> fn;

    Custom(List<String> fields, Function<java.util.Map<String, Object>, String> fn) {
      this.fields = List.copyOf(fields);
      this.fn = fn;
    }

    @Override
    void run(CheckContext ctx, FieldErrors errors) {
      if (!allValid(ctx, fields)) {
        return;
      }
      String error = fn.apply(java.util.Collections.unmodifiableMap(ctx.values()));
      if (error != null) {
        errors.entity(error);
      }
    }
  }
}
