package dev.llmgateway.admin;

import dev.llmgateway.entity.EntityType;
import dev.llmgateway.json.Json;
import dev.llmgateway.schema.Row;
import dev.llmgateway.store.ApiError;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of a collection, as Kong pages: ordered by primary key, {@code size} rows (default 100, at most
 * 1000), an opaque {@code offset} to continue from, {@code next} as the path of the following page; filtered by
 * {@code tags} ({@code a,b} all of, {@code a/b} any of).
 */
final class Listing {
  private static final int DEFAULT_SIZE = 100;
  private static final int MAX_SIZE = 1000;

  private Listing() {}

  /**
   * The page of {@code rows} the query asks for. {@code basePath} is the collection's path for {@code next};
   * nested lists ({@code topLevel} false) carry neither size nor tags in it, like Kong's.
   */
  static Map<String, Object> page(EntityType type, List<Row> rows, Map<String, String> query, String basePath,
      boolean topLevel) {
    int size = size(query.get("size"));
    TagFilter tags = type.schema().field("tags") != null ? TagFilter.parse(query.get("tags")) : TagFilter.NONE;
    String after = query.containsKey("offset") ? decodeOffset(query.get("offset")) : null;
    List<Row> sorted = new ArrayList<>();
    for (Row row : rows) {
      if (tags.matches(row.strings("tags")) && (after == null || row.string("id").compareTo(after) > 0)) {
        sorted.add(row);
      }
    }
    sorted.sort(Comparator.comparing(r -> r.string("id")));
    List<Row> data = sorted.subList(0, Math.min(size, sorted.size()));
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("data", new ArrayList<>(data));
    if (sorted.size() > size) {
      String offset = encodeOffset(data.get(data.size() - 1).string("id"));
      StringBuilder next = new StringBuilder(basePath).append("?offset=").append(escape(offset));
      if (topLevel && query.get("tags") != null) {
        next.append("&tags=").append(escape(query.get("tags")));
      }
      if (topLevel && query.get("size") != null) {
        next.append("&size=").append(query.get("size"));
      }
      page.put("next", next.toString());
      page.put("offset", offset);
    } else {
      page.put("next", null);
    }
    return page;
  }

  private static int size(String text) {
    if (text == null) {
      return DEFAULT_SIZE;
    }
    double value;
    try {
      value = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw ApiError.invalidSize("size must be a number");
    }
    if (value != Math.rint(value) || value < 1 || value > MAX_SIZE) {
      throw ApiError.invalidSize("size must be an integer between 1 and " + MAX_SIZE);
    }
    return (int) value;
  }

  static String encodeOffset(String id) {
    return Base64.getEncoder().encodeToString(Json.write(List.of(id)).getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeOffset(String offset) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(offset);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidOffset(offset, "bad base64 encoding");
    }
    try {
      Object value = Json.parse(new String(bytes, StandardCharsets.UTF_8));
      if (value instanceof List<?> list && list.size() == 1 && list.get(0) instanceof String id) {
        return id;
      }
    } catch (RuntimeException e) {
      // reported below
    }
    throw ApiError.invalidOffset(offset, "bad json encoding");
  }

  static String escape(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
