package dev.llmgateway.internal.store;

import dev.llmgateway.store.StoredConfig;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.config.EntityTypes;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.SchemaViolation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between a {@link Configuration} and the plain tables stores keep, re-validating rows on the way in. */
public final class RowCodec {
  private RowCodec() {}

  /** Every row of every type as plain maps, tables in type order, rows in insertion order. */
  public static Map<String, List<Map<String, Object>>> tables(Configuration configuration) {
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    for (EntityType type : configuration.types().all()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Row row : configuration.rows(type)) {
        rows.add(row.toPlainMap());
      }
      out.put(type.name(), rows);
    }
    return out;
  }

  /**
   * The configuration of stored tables, every row validated again by its type's schema. A table this gateway
   * does not know, or a row its schema refuses, fails loudly: starting with part of the configuration would be
   * worse than not starting.
   */
  public static Configuration toConfiguration(StoredConfig stored, EntityTypes types) throws IOException {
    Configuration configuration = Configuration.empty(types);
    for (Map.Entry<String, List<Map<String, Object>>> table : stored.tables().entrySet()) {
      EntityType type = types.byName(table.getKey());
      if (type == null) {
        if (table.getValue().isEmpty()) {
          continue;
        }
        throw new IOException("the stored configuration has '" + table.getKey() + "' entities, but no plugin"
            + " providing that entity type is installed");
      }
      int index = 0;
      List<Row> rows = new ArrayList<>(table.getValue().size());
      for (Map<String, Object> plain : table.getValue()) {
        try {
          rows.add(type.schema().validate(plain));
        } catch (SchemaViolation e) {
          throw new IOException("stored " + type.name() + "[" + index + "] (id " + plain.get("id")
              + ") is invalid: " + e.getMessage());
        }
        index++;
      }
      configuration = configuration.withAll(type, rows);
    }
    return configuration;
  }
}
