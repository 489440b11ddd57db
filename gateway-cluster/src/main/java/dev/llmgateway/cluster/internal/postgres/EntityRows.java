package dev.llmgateway.cluster.internal.postgres;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.config.EntityTypes;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.entity.ForeignKey;
import dev.llmgateway.internal.json.Json;
import dev.llmgateway.schema.Row;
import dev.llmgateway.store.ChangeSet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes rows into the cluster tables inside the caller's transaction: the row itself, its unique values and its
 * references, so that the database's own constraints hold uniqueness and references across nodes.
 */
final class EntityRows implements AutoCloseable {
  private final PreparedStatement upsert;
  private final PreparedStatement delete;
  private final PreparedStatement dropKeys;
  private final PreparedStatement addKey;
  private final PreparedStatement dropRefs;
  private final PreparedStatement addRef;
  private final EntityTypes types;

  EntityRows(Connection c, EntityTypes types) throws SQLException {
    this.types = types;
    upsert = c.prepareStatement("INSERT INTO gateway_entities (entity_type, id, row) VALUES (?, ?, ?::jsonb)"
        + " ON CONFLICT (entity_type, id) DO UPDATE SET row = EXCLUDED.row");
    delete = c.prepareStatement("DELETE FROM gateway_entities WHERE entity_type = ? AND id = ?");
    dropKeys = c.prepareStatement("DELETE FROM gateway_unique_keys WHERE entity_type = ? AND id = ?");
    addKey = c.prepareStatement("INSERT INTO gateway_unique_keys (entity_type, key_name, key_value, id)"
        + " VALUES (?, ?, ?, ?)");
    dropRefs = c.prepareStatement("DELETE FROM gateway_references WHERE entity_type = ? AND id = ?");
    addRef = c.prepareStatement("INSERT INTO gateway_references (entity_type, id, field, parent_type, parent_id)"
        + " VALUES (?, ?, ?, ?, ?)");
  }

  /** Applies one change set's operations, in order. */
  void apply(ChangeSet change) throws SQLException {
    for (ChangeSet.Op op : change.ops()) {
      if (op.delete()) {
        delete.setString(1, op.table());
        delete.setObject(2, op.id());
        delete.executeUpdate();
      } else {
        EntityType type = types.byName(op.table());
        put(type, op.row(), false);
        dropKeys.setString(1, op.table());
        dropKeys.setObject(2, op.id());
        dropKeys.executeUpdate();
        dropRefs.setString(1, op.table());
        dropRefs.setObject(2, op.id());
        dropRefs.executeUpdate();
        keysAndRefs(type, op.row(), false);
      }
    }
  }

  /** Replaces every row with those of {@code configuration}, in batches. */
  void replaceAll(Connection c, Configuration configuration) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("DELETE FROM gateway_entities");
    }
    for (EntityType type : configuration.types().all()) {
      for (Row row : configuration.rows(type)) {
        put(type, row, true);
        keysAndRefs(type, row, true);
      }
    }
    upsert.executeBatch();
    addKey.executeBatch();
    addRef.executeBatch();
  }

  private void put(EntityType type, Row row, boolean batch) throws SQLException {
    upsert.setString(1, type.name());
    upsert.setObject(2, EntityType.id(row));
    upsert.setString(3, Json.write(row.toPlainMap()));
    run(upsert, batch);
  }

  private void keysAndRefs(EntityType type, Row row, boolean batch) throws SQLException {
    UUID id = EntityType.id(row);
    for (String field : type.uniqueFields()) {
      Object value = row.get(field);
      if (value != null) {
        key(type, field, Json.write(plain(value)), id, batch);
      }
    }
    for (List<String> group : type.uniqueTogether()) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (String field : group) {
        values.put(field, plain(row.get(field)));
      }
      key(type, String.join(",", group), Json.write(values), id, batch);
    }
    for (ForeignKey fk : type.foreignKeys()) {
      UUID parent = row.foreignId(fk.field());
      if (parent == null) {
        continue;
      }
      addRef.setString(1, type.name());
      addRef.setObject(2, id);
      addRef.setString(3, fk.field());
      addRef.setString(4, fk.references());
      addRef.setObject(5, parent);
      run(addRef, batch);
    }
  }

  private void key(EntityType type, String name, String value, UUID id, boolean batch) throws SQLException {
    addKey.setString(1, type.name());
    addKey.setString(2, name);
    addKey.setString(3, value);
    addKey.setObject(4, id);
    run(addKey, batch);
  }

  private static void run(PreparedStatement ps, boolean batch) throws SQLException {
    if (batch) {
      ps.addBatch();
    } else {
      ps.executeUpdate();
    }
  }

  private static Object plain(Object value) {
    return value instanceof Row r ? r.toPlainMap() : value;
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement ps : List.of(upsert, delete, dropKeys, addKey, dropRefs, addRef)) {
      ps.close();
    }
  }
}
