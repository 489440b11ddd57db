package dev.llmgateway.internal.declarative;

import dev.llmgateway.config.EntityTypes;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.entity.ForeignKey;
import dev.llmgateway.internal.json.Json;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves references between declared entities: a nested child points at its parent, and a top-level child
 * names its parent by id or endpoint key ({@code service: my-svc}, {@code consumer: {username: alice}}) — always
 * among the entities of the same file, since the file replaces the whole configuration.
 */
final class References {
  private final EntityTypes types;
  private final ErrorTree errors;
  private final Map<String, Map<String, Declared>> byId = new HashMap<>();
  private final Map<String, Map<String, Declared>> byKey = new HashMap<>();

  References(EntityTypes types, List<Declared> all, ErrorTree errors) {
    this.types = types;
    this.errors = errors;
    for (Declared d : all) {
      if (d.id() != null) {
        byId.computeIfAbsent(d.type.name(), k -> new HashMap<>()).putIfAbsent(d.id(), d);
      }
      String key = d.type.endpointKey();
      if (key != null && d.values.get(key) instanceof String value) {
        byKey.computeIfAbsent(d.type.name(), k -> new HashMap<>()).putIfAbsent(value, d);
      }
    }
  }

  /** Sets every reference of {@code d} to {@code {"id": ...}}; unresolvable ones are reported. */
  void resolve(Declared d) {
    if (d.parent != null && d.values.get(d.parentField) == null && d.parent.id() != null) {
      d.values.put(d.parentField, idRef(d.parent.id()));
    }
    for (ForeignKey fk : d.type.foreignKeys()) {
      Object ref = d.values.get(fk.field());
      if (ref == null || (d.parent != null && fk.field().equals(d.parentField) && isIdRef(ref, d.parent.id()))) {
        continue;
      }
      Declared target = find(fk.references(), ref);
      if (target != null) {
        d.values.put(fk.field(), idRef(target.id()));
      } else if (ref instanceof String || ref instanceof Map<?, ?>) {
        String shown = ref instanceof String s ? s : Json.write(ref);
        errors.message(d.path.field(fk.field()), "invalid reference '" + fk.field() + ": " + shown
            + "' (no such entry in '" + fk.references() + "')");
      }
    }
  }

  private Declared find(String table, Object ref) {
    EntityType type = types.byName(table);
    if (type == null) {
      return null;
    }
    if (ref instanceof String s) {
      Declared byIdMatch = byId.getOrDefault(table, Map.of()).get(s);
      return byIdMatch != null ? byIdMatch : byKey.getOrDefault(table, Map.of()).get(s);
    }
    if (ref instanceof Map<?, ?> map && map.size() == 1) {
      Map.Entry<?, ?> only = map.entrySet().iterator().next();
      if (!(only.getValue() instanceof String value)) {
        return null;
      }
      if ("id".equals(only.getKey())) {
        return byId.getOrDefault(table, Map.of()).get(value);
      }
      if (only.getKey().equals(type.endpointKey())) {
        return byKey.getOrDefault(table, Map.of()).get(value);
      }
    }
    return null;
  }

  private static boolean isIdRef(Object ref, String id) {
    return ref instanceof Map<?, ?> m && m.size() == 1 && id != null && id.equals(m.get("id"));
  }

  static Map<String, Object> idRef(String id) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("id", id);
    return ref;
  }
}
