package dev.llmgateway.internal.admin;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.store.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * An item's place in Kong's page order, and the {@code offset} token that resumes after it. Entities are ordered
 * by id (token {@code ["<id>"]}); the rows of {@code GET /tags} by entity id, then by the tag's 1-based position
 * in that entity's tags (token {@code ["<id>",2]}), as Kong's Postgres strategy orders and encodes them.
 */
record PageKey(String id, Long position) {
  static final Comparator<PageKey> ORDER = Comparator.comparing(PageKey::id)
      .thenComparing(PageKey::position, Comparator.nullsFirst(Comparator.naturalOrder()));

  static PageKey of(String id) {
    return new PageKey(id, null);
  }

  static PageKey of(String id, long position) {
    return new PageKey(id, position);
  }

  /**
   * Whether this item comes after the one {@code offset} names. An offset without a position passes its whole
   * entity, and a key without one stands for its whole entity: Kong compares positions only when both have one.
   */
  boolean isAfter(PageKey offset) {
    int byId = id.compareTo(offset.id);
    if (byId != 0) {
      return byId > 0;
    }
    return position != null && offset.position != null && position > offset.position;
  }

  /** The opaque {@code offset} token: base64 of the JSON array of the key. */
  String token() {
    List<Object> key = new ArrayList<>();
    key.add(id);
    if (position != null) {
      key.add(position);
    }
    return Base64.getEncoder().encodeToString(Json.write(key).getBytes(StandardCharsets.UTF_8));
  }

  /** The key an {@code offset} token names; Kong's code 7 when it is not one of ours. */
  static PageKey parse(String token) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidOffset(token, "bad base64 encoding");
    }
    try {
      Object value = Json.parse(new String(bytes, StandardCharsets.UTF_8));
      if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof String id) {
        if (list.size() == 1) {
          return of(id);
        }
        if (list.size() == 2 && list.get(1) instanceof Long position) {
          return of(id, position);
        }
      }
    } catch (RuntimeException e) {
      // reported below
    }
    throw ApiError.invalidOffset(token, "bad json encoding");
  }
}
