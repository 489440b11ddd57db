package dev.llmgateway.entity;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The canonical text of entity ids that the request path writes on every request (a consumer's id in
 * {@code X-Consumer-ID} and as a rate-limit identifier, a credential's id): made once per id and shared, so a
 * request does not build the same 36 characters again. Bounded: past {@value #MAX} ids, new ones are formatted
 * each time (ids come from the configuration, not from clients).
 */
public final class UuidText {
  private static final int MAX = 16_384;
  private static final Map<UUID, String> CACHE = new ConcurrentHashMap<>();

  private UuidText() {}

  /** {@code id.toString()}, shared. */
  public static String of(UUID id) {
    String s = CACHE.get(id);
    if (s == null) {
      s = id.toString();
      if (CACHE.size() < MAX) {
        CACHE.putIfAbsent(id, s);
      }
    }
    return s;
  }
}
