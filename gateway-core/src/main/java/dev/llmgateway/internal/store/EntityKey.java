package dev.llmgateway.internal.store;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Validator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * How a path names an entity: by id when the text is a UUID, otherwise by the type's endpoint key
 * ({@code name}, {@code username}, ...), as Kong's Admin API does.
 */
public record EntityKey(UUID id, String field, String value) {
  public EntityKey {
    if ((id == null) == (field == null)) {
      throw new IllegalArgumentException("either an id or an endpoint key");
    }
  }

  public static EntityKey ofId(UUID id) {
    return new EntityKey(Objects.requireNonNull(id, "id"), null, null);
  }

  /**
   * Parses path text for {@code type}. A value its endpoint-key field would never accept is Kong's code 10
   * ({@code invalid unique name}); a type without an endpoint key only has ids, so other text matches nothing.
   */
  public static EntityKey parse(EntityType type, String text) {
    UUID id = Configuration.parseUuid(text);
    if (id != null) {
      return ofId(id);
    }
    String key = type.endpointKey();
    if (key == null) {
      return new EntityKey(null, "id", text);
    }
    Field field = type.schema().field(key);
    if (field != null && field.type() == Field.Type.STRING) {
      for (Validator v : field.validators()) {
        String error = v.check(text);
        if (error != null) {
          throw ApiError.invalidUnique(key, error);
        }
      }
    }
    return new EntityKey(null, key, text);
  }

  public boolean byId() {
    return id != null;
  }

  /** The entity this key names, or null. */
  public Row find(Configuration configuration, EntityType type) {
    if (id != null) {
      return configuration.get(type, id);
    }
    if ("id".equals(field)) {
      return null;
    }
    for (Row row : configuration.rows(type)) {
      if (value.equals(row.get(field))) {
        return row;
      }
    }
    return null;
  }

  /** Kong's description of the key in not-found errors: {@code {id="..."}} or {@code {name="x"}}. */
  public Map<String, Object> asMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    if (id != null) {
      out.put("id", id.toString());
    } else {
      out.put(field, value);
    }
    return out;
  }

  @Override
  public String toString() {
    return id != null ? id.toString() : value;
  }
}
