package dev.llmgateway.undertow.embed;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.schema.Row;
import dev.llmgateway.internal.store.ApiError;
import dev.llmgateway.store.ChangeSet;
import dev.llmgateway.internal.store.EntityKey;
import dev.llmgateway.internal.store.EntityWrites;
import dev.llmgateway.internal.store.Mutation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Entity changes applied one after another to a working configuration, each seeing the ones before it, and
 * gathered into one change set: what {@link Entities#apply} commits at once, or nothing of it. Also serves
 * {@link Entities}' reads, as a transaction that changes nothing.
 */
final class EntityTransaction implements EntityEditor {
  private final EntityWrites writes;
  private final List<ChangeSet.Op> ops = new ArrayList<>();
  private Configuration working;

  EntityTransaction(Configuration start, EntityWrites writes) {
    this.working = start;
    this.writes = writes;
  }

  @Override
  public Row create(String table, Map<String, Object> fields) {
    EntityType type = type(table);
    return record(writes.insert(working, type, fields));
  }

  @Override
  public Row update(String table, String idOrName, Map<String, Object> patch) {
    EntityType type = type(table);
    return record(writes.update(working, type, EntityKey.parse(type, idOrName), patch));
  }

  @Override
  public boolean delete(String table, String idOrName) {
    EntityType type = type(table);
    return record(writes.delete(working, type, EntityKey.parse(type, idOrName))) != null;
  }

  @Override
  public Row get(String table, String idOrName) {
    EntityType type = type(table);
    try {
      return EntityKey.parse(type, idOrName).find(working, type);
    } catch (ApiError e) {
      throw Entities.translate(e);
    }
  }

  @Override
  public List<Row> list(String table) {
    return new ArrayList<>(working.rows(type(table)));
  }

  /** Everything recorded so far as one outcome: the configuration reached and every row it put or deleted. */
  <T> Mutation.Outcome<T> outcome(T result) {
    return new Mutation.Outcome<>(working, ChangeSet.of(ops), result);
  }

  private <T> T record(Mutation.Outcome<T> step) {
    working = step.next();
    ops.addAll(step.changes().ops());
    return step.result();
  }

  private EntityType type(String table) {
    EntityType type = working.types().byName(Objects.requireNonNull(table, "table"));
    if (type == null) {
      throw new GatewayConfigException(404, Map.of("message", "no entity type named '" + table + "'"));
    }
    return type;
  }
}
