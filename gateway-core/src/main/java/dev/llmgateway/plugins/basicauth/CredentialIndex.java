package dev.llmgateway.plugins.basicauth;

import dev.llmgateway.config.ConfigView;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.schema.Row;
import java.util.HashMap;
import java.util.Map;

/** Every basic-auth credential of one snapshot by username, built once per snapshot. */
final class CredentialIndex {
  private static final Object DERIVED_KEY = CredentialIndex.class;

  private final Map<String, BasicAuthCredential> byUsername;

  private CredentialIndex(Map<String, BasicAuthCredential> byUsername) {
    this.byUsername = byUsername;
  }

  static CredentialIndex of(ConfigView view) {
    return view.derived(DERIVED_KEY, CredentialIndex::build);
  }

  static CredentialIndex build(Configuration configuration) {
    Map<String, BasicAuthCredential> map = new HashMap<>();
    for (Row row : configuration.rows(BasicAuthCredential.TYPE)) {
      BasicAuthCredential credential = BasicAuthCredential.of(row);
      map.put(credential.username(), credential);
    }
    return new CredentialIndex(map);
  }

  /** The credential with this username, or null. */
  BasicAuthCredential find(String username) {
    return username == null ? null : byUsername.get(username);
  }
}
