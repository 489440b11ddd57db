package dev.llmgateway.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** The mutable description a {@link Field} is copied from; only ever changed on a fresh copy. */
final class FieldSpec {
  final String name;
  final Field.Type type;
  Boolean required;
  boolean hasDefault;
  Object defaultValue;
  List<Rule> rules = new ArrayList<>();
  Field elements;
  Field keys;
  Schema record;
  Function<Map<String, Object>, Schema> selector;
  String reference;
  boolean unique;
  String description;
  boolean mustBeNull;
  String err;
  List<Object> oneOf;

  FieldSpec(String name, Field.Type type) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
  }

  FieldSpec copy() {
    FieldSpec s = new FieldSpec(name, type);
    s.required = required;
    s.hasDefault = hasDefault;
    s.defaultValue = defaultValue;
    s.rules = new ArrayList<>(rules);
    s.elements = elements;
    s.keys = keys;
    s.record = record;
    s.selector = selector;
    s.reference = reference;
    s.unique = unique;
    s.description = description;
    s.mustBeNull = mustBeNull;
    s.err = err;
    s.oneOf = oneOf;
    return s;
  }
}
