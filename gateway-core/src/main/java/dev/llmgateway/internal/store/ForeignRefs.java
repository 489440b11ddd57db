package dev.llmgateway.internal.store;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.entity.ForeignKey;
import dev.llmgateway.schema.Row;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolves foreign keys given by a unique field instead of the id — {@code "service": {"name": "x"}}, or the
 * form {@code service.name=x} — to {@code {"id": ...}}, as Kong does before validating (code 13 when nothing
 * matches). References given by id are left for {@link Integrity} to check.
 */
final class ForeignRefs {
  private ForeignRefs() {}

  /** A copy of {@code input} with every resolvable by-name reference replaced by its id. */
  static Map<String, Object> resolve(Configuration configuration, EntityType type, Map<String, Object> input) {
    Map<String, Object> out = null;
    for (ForeignKey fk : type.foreignKeys()) {
      if (!(input.get(fk.field()) instanceof Map<?, ?> ref) || ref.size() != 1 || ref.containsKey("id")) {
        continue;
      }
      EntityType parent = configuration.types().byName(fk.references());
      Map.Entry<?, ?> only = ref.entrySet().iterator().next();
      String keyName = String.valueOf(only.getKey());
      if (parent == null || !isLookupField(parent, keyName) || !(only.getValue() instanceof String value)) {
        continue;
      }
      Row found = null;
      for (Row row : configuration.rows(parent)) {
        if (value.equals(row.get(keyName))) {
          found = row;
          break;
        }
      }
      if (found == null) {
        throw ApiError.foreignKeyUnresolved(fk.field(), keyName, value, parent.name());
      }
      if (out == null) {
        out = new LinkedHashMap<>(input);
      }
      Map<String, Object> byId = new LinkedHashMap<>();
      byId.put("id", EntityType.id(found).toString());
      out.put(fk.field(), byId);
    }
    return out == null ? input : out;
  }

  private static boolean isLookupField(EntityType parent, String field) {
    return field.equals(parent.endpointKey()) || parent.uniqueFields().contains(field);
  }
}
