package dev.llmgateway.internal.declarative;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.entity.ForeignKey;
import dev.llmgateway.internal.json.Json;
import dev.llmgateway.schema.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Exports a configuration as Kong does ({@code kong config db_export}, {@code GET /config}):
 * {@code _format_version: "3.0"}, {@code _transform: false}, then one flat array per table, parents first,
 * every field written (nulls too, so that loading it back restores exactly these values) and references as
 * plain ids.
 */
public final class DeclarativeExport {
  private DeclarativeExport() {}

  /** The export document as plain values. */
  public static Map<String, Object> document(Configuration configuration) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("_format_version", DeclarativeConfig.FORMAT_VERSION);
    doc.put("_transform", false);
    for (EntityType type : configuration.types().all()) {
      if (configuration.rows(type).isEmpty()) {
        continue;
      }
      List<Object> rows = new ArrayList<>();
      for (Row row : configuration.rows(type)) {
        Map<String, Object> plain = row.toPlainMap();
        for (ForeignKey fk : type.foreignKeys()) {
          if (plain.get(fk.field()) instanceof Map<?, ?> ref) {
            plain.put(fk.field(), ref.get("id"));
          }
        }
        rows.add(plain);
      }
      doc.put(type.name(), rows);
    }
    return doc;
  }

  /** The export as YAML, as {@code GET /config} returns it inside {@code {"config": ...}}. */
  public static String yaml(Configuration configuration) {
    DumpSettings settings = DumpSettings.builder()
        .setDefaultFlowStyle(FlowStyle.BLOCK)
        .setIndent(2)
        .setSplitLines(false)
        .build();
    return new Dump(settings).dumpToString(document(configuration));
  }

  /** The export as indented JSON. */
  public static String json(Configuration configuration) {
    return Json.writePretty(document(configuration));
  }

  /** Every entity by table and id (Kong's {@code POST /config} answer). */
  public static Map<String, Object> entitiesById(Configuration configuration) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (EntityType type : configuration.types().all()) {
      if (configuration.rows(type).isEmpty()) {
        continue;
      }
      Map<String, Object> byId = new LinkedHashMap<>();
      for (Row row : configuration.rows(type)) {
        byId.put(row.string("id"), row);
      }
      out.put(type.name(), byId);
    }
    return out;
  }
}
