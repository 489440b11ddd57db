package dev.llmgateway.internal.admin;

import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;
import dev.llmgateway.schema.Validators;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link Schema} the way {@code GET /schemas/...} shows Kong schemas: {@code {"fields":[{"name":
 * {"type":"string","required":true,"default":...}}, ...]}}, records with their own {@code fields}, arrays and
 * maps with their {@code elements}/{@code values}, foreign keys with their {@code reference}.
 */
final class SchemaJson {
  private SchemaJson() {}

  static Map<String, Object> of(Schema schema, Map<String, Schema> replaceRecords) {
    List<Object> fields = new ArrayList<>();
    for (Field f : schema.fields()) {
      Map<String, Object> one = new LinkedHashMap<>();
      Schema replacement = replaceRecords.get(f.name());
      one.put(f.name(), replacement != null ? record(replacement) : field(f));
      fields.add(one);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("fields", fields);
    return out;
  }

  private static Map<String, Object> record(Schema schema) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", "record");
    out.put("required", true);
    out.putAll(of(schema, Map.of()));
    return out;
  }

  static Map<String, Object> field(Field f) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", f.type().name().toLowerCase(Locale.ROOT));
    if (f.isRequired()) {
      out.put("required", true);
    }
    if (f.hasDefault() && !f.isAuto()) {
      out.put("default", f.defaultValue());
    }
    if (f.isUnique()) {
      out.put("unique", true);
    }
    if (f.validators().contains(Validators.UUID)) {
      out.put("uuid", true);
    }
    boolean timestamp = f.validators().contains(Validators.TIMESTAMP);
    if (f.isAuto() || timestamp || f.name().equals("id")) {
      out.put("auto", true);
    }
    if (timestamp) {
      out.put("timestamp", true);
    }
    if (f.reference() != null) {
      out.put("reference", f.reference());
    }
    if (f.elements() != null) {
      out.put(f.type() == Field.Type.MAP ? "values" : "elements", field(f.elements()));
      if (f.type() == Field.Type.MAP) {
        out.put("keys", Map.of("type", "string"));
      }
    }
    if (f.recordSchema() != null) {
      out.putAll(of(f.recordSchema(), Map.of()));
    }
    if (f.description() != null) {
      out.put("description", f.description());
    }
    return out;
  }
}
