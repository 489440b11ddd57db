package dev.llmgateway.config;

import dev.llmgateway.entity.EntityType;
import dev.llmgateway.schema.Row;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Every entity row of one gateway, by type, immutable. Changes return a new configuration (copy on write); these
 * raw operations check nothing — integrity (unique fields, references, cascades) is the writer's job.
 */
public final class Configuration {
  private final EntityTypes types;
  private final Map<String, Map<UUID, Row>> tables;

  private Configuration(EntityTypes types, Map<String, Map<UUID, Row>> tables) {
    this.types = types;
    this.tables = tables;
  }

  /** A configuration without entities. */
  public static Configuration empty(EntityTypes types) {
    Map<String, Map<UUID, Row>> tables = new LinkedHashMap<>();
    for (EntityType t : types.all()) {
      tables.put(t.name(), Map.of());
    }
    return new Configuration(Objects.requireNonNull(types, "types"), Collections.unmodifiableMap(tables));
  }

  public EntityTypes types() {
    return types;
  }

  /** The rows of a type in insertion order. */
  public Collection<Row> rows(EntityType type) {
    return table(type).values();
  }

  /** The rows of a type keyed by id. */
  public Map<UUID, Row> table(EntityType type) {
    Map<UUID, Row> t = tables.get(type.name());
    if (t == null) {
      throw new IllegalArgumentException("unknown entity type " + type.name());
    }
    return t;
  }

  /** A row by id, or null. */
  public Row get(EntityType type, UUID id) {
    return table(type).get(id);
  }

  /** A row by id or, when {@code idOrKey} is not a UUID, by the type's endpoint key; null when absent. */
  public Row find(EntityType type, String idOrKey) {
    UUID id = parseUuid(idOrKey);
    if (id != null) {
      Row row = get(type, id);
      if (row != null || type.endpointKey() == null) {
        return row;
      }
    }
    String key = type.endpointKey();
    if (key == null) {
      return null;
    }
    for (Row row : rows(type)) {
      if (idOrKey.equals(row.get(key))) {
        return row;
      }
    }
    return null;
  }

  /** A copy with {@code row} inserted or replaced (by its id). */
  public Configuration with(EntityType type, Row row) {
    Map<UUID, Row> copy = new LinkedHashMap<>(table(type));
    copy.put(row.uuid("id"), row);
    return replaceTable(type, copy);
  }

  /** A copy with all of {@code rows} inserted or replaced, copying the table once (bulk loads stay linear). */
  public Configuration withAll(EntityType type, Collection<Row> rows) {
    if (rows.isEmpty()) {
      return this;
    }
    Map<UUID, Row> copy = new LinkedHashMap<>(table(type));
    for (Row row : rows) {
      copy.put(row.uuid("id"), row);
    }
    return replaceTable(type, copy);
  }

  /** A copy without the row of that id (no cascade). */
  public Configuration without(EntityType type, UUID id) {
    if (!table(type).containsKey(id)) {
      return this;
    }
    Map<UUID, Row> copy = new LinkedHashMap<>(table(type));
    copy.remove(id);
    return replaceTable(type, copy);
  }

  private Configuration replaceTable(EntityType type, Map<UUID, Row> rows) {
    Map<String, Map<UUID, Row>> tablesCopy = new LinkedHashMap<>(tables);
    tablesCopy.put(type.name(), Collections.unmodifiableMap(rows));
    return new Configuration(types, Collections.unmodifiableMap(tablesCopy));
  }

  /** The number of rows across all types. */
  public int size() {
    int n = 0;
    for (Map<UUID, Row> t : tables.values()) {
      n += t.size();
    }
    return n;
  }

  /** Parses a UUID, or null when the text is not one. */
  public static UUID parseUuid(String text) {
    if (text == null || text.length() != 36) {
      return null;
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Configuration c && c.tables.equals(tables);
  }

  @Override
  public int hashCode() {
    return tables.hashCode();
  }
}
