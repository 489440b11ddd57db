package dev.llmgateway.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link ConfigStore} holds: the rows of each table as plain values, in the order they were first written,
 * and the sequence number of the last change applied.
 */
public record StoredConfig(long sequence, Map<String, List<Map<String, Object>>> tables) {
  public StoredConfig {
    Map<String, List<Map<String, Object>>> copy = new LinkedHashMap<>();
    tables.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    tables = Collections.unmodifiableMap(copy);
  }
}
