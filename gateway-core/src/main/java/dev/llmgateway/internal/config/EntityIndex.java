package dev.llmgateway.internal.config;

import dev.llmgateway.config.ConfigView;

import dev.llmgateway.config.Configuration;

import dev.llmgateway.entity.EntityType;
import dev.llmgateway.schema.Row;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The entities of one type in a snapshot, parsed and keyed by one of their fields (a credential's username, a
 * jwt secret's key), built once per snapshot on first use and shared by every plugin instance that asks. For
 * keys that are not secrets: lookups are ordinary hash lookups.
 */
public final class EntityIndex<T> {
  private record Key(EntityType type, String field) {}

  private final Map<String, T> byKey;

  private EntityIndex(Map<String, T> byKey) {
    this.byKey = byKey;
  }

  /**
   * The index of {@code type} in the snapshot behind {@code view}, keyed by {@code field}; {@code parse} turns a
   * row into the value kept. Entities whose field is null are left out.
   */
  public static <T> EntityIndex<T> of(ConfigView view, EntityType type, String field, Function<Row, T> parse) {
    return view.derived(new Key(type, field), cfg -> build(cfg, type, field, parse));
  }

  private static <T> EntityIndex<T> build(Configuration configuration, EntityType type, String field,
      Function<Row, T> parse) {
    Map<String, T> map = new HashMap<>();
    for (Row row : configuration.rows(type)) {
      String key = row.string(field);
      if (key != null) {
        map.put(key, parse.apply(row));
      }
    }
    return new EntityIndex<>(map);
  }

  /** The entity whose field is {@code key}, or null. */
  public T find(String key) {
    return key == null ? null : byKey.get(key);
  }
}
