package dev.llmgateway.store;

import dev.llmgateway.internal.store.RowCodec;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.schema.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What one accepted write changed: rows put (inserted or replaced by id) and rows deleted, in order — or, for a
 * whole-configuration load, the replacement configuration. Stores persist change sets; they never re-validate them.
 */
public final class ChangeSet {
  /** One row put or deleted. */
  public record Op(boolean delete, String table, UUID id, Row row) {
    public Op {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(id, "id");
    }
  }

  private final List<Op> ops;
  private final Configuration replacement;

  private ChangeSet(List<Op> ops, Configuration replacement) {
    this.ops = List.copyOf(ops);
    this.replacement = replacement;
  }

  /** A change set that replaces everything with {@code configuration}. */
  public static ChangeSet replaceAll(Configuration configuration) {
    return new ChangeSet(List.of(), Objects.requireNonNull(configuration, "configuration"));
  }

  /** A change set of single-row operations. */
  public static ChangeSet of(List<Op> ops) {
    return new ChangeSet(ops, null);
  }

  /** Nothing changed (an idempotent delete of a missing entity). */
  public static ChangeSet none() {
    return new ChangeSet(List.of(), null);
  }

  public static Op put(EntityType type, Row row) {
    return new Op(false, type.name(), EntityType.id(row), row);
  }

  public static Op delete(EntityType type, UUID id) {
    return new Op(true, type.name(), id, null);
  }

  public boolean isEmpty() {
    return ops.isEmpty() && replacement == null;
  }

  public boolean isReplacement() {
    return replacement != null;
  }

  /** The whole new configuration of a replacement, else null. */
  public Configuration replacement() {
    return replacement;
  }

  public List<Op> ops() {
    return ops;
  }

  /** The plain-value form stores write: {@code {"ops":[{"op":"put","table":..,"row":{..}}, ..]}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    if (replacement != null) {
      out.put("replace", RowCodec.tables(replacement));
      return out;
    }
    List<Object> list = new ArrayList<>(ops.size());
    for (Op op : ops) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("op", op.delete() ? "delete" : "put");
      m.put("table", op.table());
      if (op.delete()) {
        m.put("id", op.id().toString());
      } else {
        m.put("row", op.row().toPlainMap());
      }
      list.add(m);
    }
    out.put("ops", list);
    return out;
  }
}
