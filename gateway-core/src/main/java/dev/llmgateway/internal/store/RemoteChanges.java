package dev.llmgateway.internal.store;

import dev.llmgateway.store.SharedConfigStore;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.config.EntityTypes;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.schema.SchemaViolation;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Applies what another node committed ({@link SharedConfigStore.Catchup}) to this node's configuration. Rows are
 * validated again by their schemas: a row this build cannot read fails the catch-up loudly instead of being
 * half-applied.
 */
final class RemoteChanges {
  private RemoteChanges() {}

  static Configuration apply(Configuration current, SharedConfigStore.Catchup catchup, EntityTypes types)
      throws IOException {
    if (catchup.full() != null) {
      return RowCodec.toConfiguration(catchup.full(), types);
    }
    Configuration next = current;
    for (Map<String, Object> change : catchup.changes()) {
      next = applyOne(next, change, types);
    }
    return next;
  }

  @SuppressWarnings("unchecked")
  private static Configuration applyOne(Configuration cfg, Map<String, Object> change, EntityTypes types)
      throws IOException {
    Object ops = change.get("ops");
    if (!(ops instanceof List<?> list)) {
      throw new IOException("a stored change has no 'ops' list");
    }
    Configuration next = cfg;
    for (Object o : list) {
      Map<String, Object> op = (Map<String, Object>) o;
      EntityType type = types.byName(String.valueOf(op.get("table")));
      if (type == null) {
        throw new IOException("a stored change names '" + op.get("table") + "' entities, but no installed plugin"
            + " provides that entity type");
      }
      if ("delete".equals(op.get("op"))) {
        next = next.without(type, UUID.fromString(String.valueOf(op.get("id"))));
      } else {
        Map<String, Object> row = (Map<String, Object>) op.get("row");
        try {
          next = next.with(type, type.schema().validate(row));
        } catch (SchemaViolation e) {
          throw new IOException("stored " + type.name() + " " + row.get("id") + " is invalid: " + e.getMessage());
        }
      }
    }
    return next;
  }
}
