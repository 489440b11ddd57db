package dev.llmgateway.plugins.jwt;

import dev.llmgateway.config.ConfigView;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.schema.Row;
import java.util.HashMap;
import java.util.Map;

/** Every jwt credential of one snapshot by key, built once per snapshot. */
final class SecretIndex {
  private static final Object DERIVED_KEY = SecretIndex.class;

  private final Map<String, JwtSecret> byKey;

  private SecretIndex(Map<String, JwtSecret> byKey) {
    this.byKey = byKey;
  }

  static SecretIndex of(ConfigView view) {
    return view.derived(DERIVED_KEY, SecretIndex::build);
  }

  static SecretIndex build(Configuration configuration) {
    Map<String, JwtSecret> map = new HashMap<>();
    for (Row row : configuration.rows(JwtSecret.TYPE)) {
      JwtSecret secret = JwtSecret.of(row);
      map.put(secret.key(), secret);
    }
    return new SecretIndex(map);
  }

  JwtSecret find(String key) {
    return byKey.get(key);
  }
}
