package dev.llmgateway.internal.declarative;

import dev.llmgateway.entity.EntityType;
import dev.llmgateway.schema.Row;
import dev.llmgateway.internal.store.LuaText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Within one file an entity may be declared once: the same primary key, endpoint key, unique field or
 * unique-together set twice is Kong's {@code uniqueness violation: ... already declared}, reported on the later
 * declaration.
 */
final class Uniqueness {
  private Uniqueness() {}

  static void check(List<Declared> all, ErrorTree errors) {
    Map<String, Declared> seen = new HashMap<>();
    for (Declared d : all) {
      EntityType type = d.type;
      Row row = d.row;
      String clash = null;
      if (seen.putIfAbsent(type.name() + "\0id\0" + row.string("id"), d) != null) {
        clash = "primary key set to '" + row.string("id") + "'";
      }
      for (String field : type.uniqueFields()) {
        Object value = row.get(field);
        if (clash == null && value != null && seen.putIfAbsent(type.name() + "\0" + field + "\0" + value, d) != null) {
          clash = field + " set to '" + value + "'";
        }
      }
      for (List<String> group : type.uniqueTogether()) {
        List<Object> values = new ArrayList<>();
        Map<String, Object> shown = new HashMap<>();
        for (String field : group) {
          Object v = row.get(field);
          values.add(v);
          shown.put(field, v instanceof Row r ? r.toPlainMap() : v);
        }
        if (clash == null && seen.putIfAbsent(type.name() + "\0" + group + "\0" + values, d) != null) {
          clash = String.join(", ", group) + " set to '" + LuaText.of(shown) + "'";
        }
      }
      if (clash != null) {
        errors.message(d.path, "uniqueness violation: '" + type.name() + "' entity with " + clash
            + " already declared");
      }
    }
  }
}
