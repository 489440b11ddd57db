package dev.llmgateway.internal.declarative;

import dev.llmgateway.entity.EntityType;
import dev.llmgateway.entity.ForeignKey;
import java.util.List;
import java.util.Map;

/**
 * Gives every declared entity without an id a deterministic one, keyed like Kong's: by the unique-together
 * fields when the type has them (a plugin's name and scope, a target's upstream and address), else by the
 * endpoint key ({@code name}, {@code username}, {@code key}); an entity with neither is keyed by its position in
 * the file, which is stable as long as the file is.
 */
final class Ids {
  private Ids() {}

  /** Fills missing ids, parents first (the list is in that order), so children can key on their parent's id. */
  static void assign(List<Declared> all) {
    for (Declared d : all) {
      if (!d.values.containsKey("id")) {
        d.values.put("id", DeterministicIds.of(d.type.name(), key(d)).toString());
      }
    }
  }

  static String key(Declared d) {
    EntityType type = d.type;
    if (!type.uniqueTogether().isEmpty()) {
      StringBuilder sb = new StringBuilder(type.name()).append(":*");
      for (String field : type.uniqueTogether().get(0)) {
        sb.append(':').append(part(d, field));
      }
      return sb.toString();
    }
    String endpointKey = type.endpointKey();
    if (endpointKey != null && d.values.get(endpointKey) instanceof String value) {
      return value;
    }
    return "@" + d.path;
  }

  private static String part(Declared d, String field) {
    ForeignKey fk = d.type.foreignKey(field);
    Object value = d.values.get(field);
    if (fk != null && value == null && d.parent != null && field.equals(d.parentField)) {
      return d.parent.id() == null ? "" : d.parent.id();
    }
    if (value instanceof Map<?, ?> ref && ref.size() == 1) {
      return String.valueOf(ref.values().iterator().next());
    }
    return value == null ? "" : String.valueOf(value);
  }
}
