package dev.llmgateway.internal.store;

import dev.llmgateway.store.ChangeSet;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.schema.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Kong's entity operations on a configuration — insert (POST), upsert (PUT), update (PATCH), delete — each
 * returning the next configuration and its change set, with ids, timestamps, shorthand expansion, by-name
 * references, schema validation and {@link Integrity} applied. Pure: nothing is stored or swapped here; wrap
 * calls in a {@link Mutation} and submit it to the {@link ConfigWriter}.
 */
public final class EntityWrites {
  private final LongSupplier clockMillis;

  /** Operations stamping entities with {@code clockMillis} (epoch milliseconds). */
  public EntityWrites(LongSupplier clockMillis) {
    this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
  }

  /** Operations stamping entities with the system clock. */
  public static EntityWrites withSystemClock() {
    return new EntityWrites(System::currentTimeMillis);
  }

  /** POST: a new entity; a client-supplied id is kept (an existing one is code 3), otherwise a random UUID. */
  public Mutation.Outcome<Row> insert(Configuration cfg, EntityType type, Map<String, Object> input) {
    Map<String, Object> values = new LinkedHashMap<>(type.transformOnWrite(prepare(cfg, type, input), null));
    Object id = values.get("id");
    if (id == null) {
      values.put("id", UUID.randomUUID().toString());
    }
    Timestamps.onCreate(type, values, null, clockMillis.getAsLong());
    Row row = type.schema().validate(values);
    if (cfg.get(type, EntityType.id(row)) != null) {
      throw ApiError.primaryKeyViolation(row.string("id"));
    }
    return put(cfg, type, row);
  }

  /**
   * PUT: creates or fully replaces the entity the key names; fields left out take their defaults, and the key
   * in the path wins over the body.
   */
  public Mutation.Outcome<Row> upsert(Configuration cfg, EntityType type, EntityKey key, Map<String, Object> input) {
    Map<String, Object> values = prepare(cfg, type, input);
    Row existing = key.find(cfg, type);
    if (key.byId()) {
      values.put("id", key.id().toString());
    } else {
      values.put(key.field(), key.value());
      values.put("id", existing != null ? existing.string("id") : UUID.randomUUID().toString());
    }
    values.remove("created_at");
    Timestamps.onCreate(type, values, existing, clockMillis.getAsLong());
    return put(cfg, type, type.schema().validate(type.transformOnWrite(values, null)));
  }

  /** PATCH: merges {@code patch} into the existing entity (records deeply, arrays replaced); code 6 when absent. */
  public Mutation.Outcome<Row> update(Configuration cfg, EntityType type, EntityKey key, Map<String, Object> patch) {
    Row existing = key.find(cfg, type);
    if (existing == null) {
      throw ApiError.notFound(key.asMap(), key.byId());
    }
    return update(cfg, type, existing, patch);
  }

  /** PATCH of a row already looked up. */
  public Mutation.Outcome<Row> update(Configuration cfg, EntityType type, Row existing, Map<String, Object> patch) {
    Map<String, Object> values = new LinkedHashMap<>(type.transformOnWrite(prepare(cfg, type, patch), existing));
    values.remove("id");
    Timestamps.onUpdate(type, values, clockMillis.getAsLong());
    return put(cfg, type, type.schema().merge(existing, values));
  }

  /** DELETE: removes the entity and its cascading children; nothing happens when it does not exist. */
  public Mutation.Outcome<Row> delete(Configuration cfg, EntityType type, EntityKey key) {
    Row existing = key.find(cfg, type);
    return existing == null ? Mutation.Outcome.unchanged(cfg, null) : delete(cfg, type, existing);
  }

  /** DELETE of a row already looked up. */
  public Mutation.Outcome<Row> delete(Configuration cfg, EntityType type, Row existing) {
    Configuration next = cfg;
    List<ChangeSet.Op> ops = new ArrayList<>();
    for (Integrity.Doomed d : Integrity.deletion(cfg, type, EntityType.id(existing))) {
      next = next.without(d.type(), d.id());
      ops.add(ChangeSet.delete(d.type(), d.id()));
    }
    return new Mutation.Outcome<>(next, ChangeSet.of(ops), existing);
  }

  /** Replaces the whole configuration with one already validated as a whole (declarative config). */
  public static Mutation.Outcome<Configuration> replaceAll(Configuration cfg, Configuration replacement) {
    return new Mutation.Outcome<>(replacement, ChangeSet.replaceAll(replacement), replacement);
  }

  private Map<String, Object> prepare(Configuration cfg, EntityType type, Map<String, Object> input) {
    Map<String, Object> values = new LinkedHashMap<>(input == null ? Map.of() : input);
    values = new LinkedHashMap<>(type.expandShorthands(values));
    return new LinkedHashMap<>(ForeignRefs.resolve(cfg, type, values));
  }

  private static Mutation.Outcome<Row> put(Configuration cfg, EntityType type, Row row) {
    Integrity.check(cfg, type, row);
    Configuration next = cfg.with(type, row);
    return new Mutation.Outcome<>(next, ChangeSet.of(List.of(ChangeSet.put(type, row))), row);
  }
}
