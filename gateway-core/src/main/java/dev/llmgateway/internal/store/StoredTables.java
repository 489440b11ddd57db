package dev.llmgateway.internal.store;

import dev.llmgateway.store.ChangeSet;

import dev.llmgateway.store.StoredConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stored rows by table and id while a store replays its log; rows keep the position of their first write. */
final class StoredTables {
  private final Map<String, Map<String, Map<String, Object>>> tables = new LinkedHashMap<>();

  StoredTables(StoredConfig base) {
    if (base != null) {
      base.tables().forEach(this::replaceTable);
    }
  }

  private void replaceTable(String table, List<Map<String, Object>> rows) {
    Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
    for (Map<String, Object> row : rows) {
      byId.put(String.valueOf(row.get("id")), row);
    }
    tables.put(table, byId);
  }

  /** Applies one logged change set ({@link ChangeSet#toJson()}). */
  @SuppressWarnings("unchecked")
  void apply(Map<String, Object> change) {
    if (change.get("replace") instanceof Map<?, ?> replacement) {
      tables.clear();
      ((Map<String, List<Map<String, Object>>>) replacement).forEach(this::replaceTable);
      return;
    }
    for (Object o : (List<Object>) change.get("ops")) {
      Map<String, Object> op = (Map<String, Object>) o;
      Map<String, Map<String, Object>> table =
          tables.computeIfAbsent((String) op.get("table"), k -> new LinkedHashMap<>());
      if ("delete".equals(op.get("op"))) {
        table.remove((String) op.get("id"));
      } else {
        Map<String, Object> row = (Map<String, Object>) op.get("row");
        table.put(String.valueOf(row.get("id")), row);
      }
    }
  }

  StoredConfig toStored(long sequence) {
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    tables.forEach((name, rows) -> out.put(name, new ArrayList<>(rows.values())));
    return new StoredConfig(sequence, out);
  }
}
