package dev.llmgateway.internal.store;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.config.EntityTypes;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.entity.ForeignKey;
import dev.llmgateway.schema.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Kong's integrity rules between rows: references must point at existing entities, unique fields and
 * unique-together field sets must not repeat, and deleting a parent cascades to children that allow it while
 * a child that restricts it (routes of a service) refuses the delete.
 */
public final class Integrity {
  private Integrity() {}

  /** A row to be deleted: its type and id. */
  public record Doomed(EntityType type, UUID id) {}

  /** Checks a validated row against every other row of {@code configuration} (the row itself is skipped by id). */
  public static void check(Configuration configuration, EntityType type, Row row) {
    checkReferences(configuration, type, row);
    checkUnique(configuration, type, row);
  }

  /** Every foreign key of {@code row} must name an existing parent (code 4). */
  public static void checkReferences(Configuration configuration, EntityType type, Row row) {
    EntityTypes types = configuration.types();
    for (ForeignKey fk : type.foreignKeys()) {
      UUID parentId = row.foreignId(fk.field());
      if (parentId == null) {
        continue;
      }
      EntityType parent = types.byName(fk.references());
      if (parent == null || configuration.get(parent, parentId) == null) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("id", parentId.toString());
        throw ApiError.foreignKeyInvalid(fk.field(), key, fk.references());
      }
    }
  }

  /** Unique fields and unique-together sets must not repeat another row's values (code 5, 409). */
  public static void checkUnique(Configuration configuration, EntityType type, Row row) {
    UUID self = EntityType.id(row);
    for (String field : type.uniqueFields()) {
      Object value = row.get(field);
      if (value == null) {
        continue;
      }
      for (Row other : configuration.rows(type)) {
        if (!self.equals(EntityType.id(other)) && value.equals(other.get(field))) {
          Map<String, Object> unique = new LinkedHashMap<>();
          unique.put(field, plain(value));
          throw ApiError.uniqueViolation(unique);
        }
      }
    }
    for (List<String> group : type.uniqueTogether()) {
      for (Row other : configuration.rows(type)) {
        if (!self.equals(EntityType.id(other)) && sameValues(group, row, other)) {
          Map<String, Object> unique = new LinkedHashMap<>();
          for (String field : group) {
            unique.put(field, plain(row.get(field)));
          }
          throw ApiError.uniqueViolation(unique);
        }
      }
    }
  }

  private static boolean sameValues(List<String> fields, Row a, Row b) {
    for (String f : fields) {
      if (!Objects.equals(a.get(f), b.get(f))) {
        return false;
      }
    }
    return true;
  }

  private static Object plain(Object value) {
    return value instanceof Row r ? r.toPlainMap() : value;
  }

  /**
   * Everything deleting {@code (type, id)} removes: the entity itself, then its cascading descendants. A child
   * whose reference restricts deletes (routes of a service) makes this throw Kong's code 4 instead.
   */
  public static List<Doomed> deletion(Configuration configuration, EntityType type, UUID id) {
    List<Doomed> doomed = new ArrayList<>();
    collect(configuration, type, id, doomed);
    return doomed;
  }

  private static void collect(Configuration configuration, EntityType type, UUID id, List<Doomed> doomed) {
    doomed.add(new Doomed(type, id));
    for (Map.Entry<EntityType, String> child : configuration.types().childrenOf(type)) {
      EntityType childType = child.getKey();
      ForeignKey fk = childType.foreignKey(child.getValue());
      for (Row row : configuration.rows(childType)) {
        if (!id.equals(row.foreignId(fk.field()))) {
          continue;
        }
        if (!fk.cascade()) {
          throw ApiError.foreignKeyRestricted(type.name(), childType.name());
        }
        UUID childId = EntityType.id(row);
        if (!doomed.contains(new Doomed(childType, childId))) {
          collect(configuration, childType, childId, doomed);
        }
      }
    }
  }
}
