package dev.llmgateway.internal.defaults;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.internal.plugins.keyauth.KeyAuthCredential;
import dev.llmgateway.schema.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Makes the admin key the admin consumer's only key-auth credential: a rotated key replaces the old one, and
 * another consumer's credential that happens to hold the admin key is removed, since keys are unique.
 */
final class AdminKeyCredential {
  private static final Logger LOG = Logger.getLogger(AdminKeyCredential.class.getName());

  private AdminKeyCredential() {}

  static Configuration assign(Configuration cfg, UUID adminId, String adminKey, long now) {
    boolean present = false;
    List<Row> stale = new ArrayList<>();
    for (Row row : cfg.rows(KeyAuthCredential.TYPE)) {
      KeyAuthCredential c = KeyAuthCredential.of(row);
      boolean adminKeyValue = c.key().equals(adminKey);
      if (c.consumerId().equals(adminId)) {
        if (adminKeyValue && !present && c.ttl() == null) {
          present = true;
        } else {
          stale.add(row);
        }
      } else if (adminKeyValue) {
        LOG.warning(() -> "removed key-auth credential " + c.id() + " of consumer " + c.consumerId()
            + ": it held the Admin API key");
        stale.add(row);
      }
    }
    for (Row row : stale) {
      cfg = cfg.without(KeyAuthCredential.TYPE, row.uuid("id"));
    }
    if (!stale.isEmpty()) {
      LOG.info("the admin consumer's key-auth credential follows the configured Admin API key");
    }
    if (present) {
      return cfg;
    }
    UUID id = StackRows.id(KeyAuthCredential.TYPE.name(), DefaultStack.ADMIN_CONSUMER);
    if (cfg.get(KeyAuthCredential.TYPE, id) != null) {
      id = UUID.randomUUID();
    }
    Map<String, Object> fields = Map.of("consumer", Map.of("id", adminId.toString()), "key", adminKey);
    return cfg.with(KeyAuthCredential.TYPE, StackRows.create(KeyAuthCredential.TYPE, id, fields, now));
  }
}
