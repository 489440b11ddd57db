package dev.llmgateway.internal.admin;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.internal.declarative.DeclarativeExport;
import dev.llmgateway.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The configuration hash of {@code GET /status} and {@code POST /config?check_hash=1}: an MD5 over the exported
 * configuration without its timestamps (so that loading the same file again yields the same hash); all zeros
 * for an empty configuration, as in Kong.
 */
final class ConfigHash {
  static final String EMPTY = "00000000000000000000000000000000";
  private static final Object KEY = new Object();

  private ConfigHash() {}

  static String of(dev.llmgateway.internal.config.ConfigSnapshot snapshot) {
    return snapshot.derived(KEY, ConfigHash::of);
  }

  @SuppressWarnings("unchecked")
  static String of(Configuration configuration) {
    if (configuration.size() == 0) {
      return EMPTY;
    }
    Map<String, Object> doc = DeclarativeExport.document(configuration);
    for (Object table : doc.values()) {
      if (table instanceof List<?> rows) {
        for (Object row : rows) {
          ((Map<String, Object>) row).remove("created_at");
          ((Map<String, Object>) row).remove("updated_at");
        }
      }
    }
    try {
      byte[] digest = MessageDigest.getInstance("MD5").digest(Json.write(doc).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required by every Java platform", e);
    }
  }
}
