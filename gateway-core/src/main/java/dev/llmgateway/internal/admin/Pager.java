package dev.llmgateway.internal.admin;

import dev.llmgateway.internal.store.ApiError;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kong's paging, for every list the Admin API serves: items in {@link PageKey} order, {@code size} of them
 * (default 100, at most 1000), an opaque {@code offset} to continue from and {@code next} as the path of the
 * following page; {@code {"data":[],"next":null}} past the end, without {@code offset}.
 */
final class Pager {
  private static final int DEFAULT_SIZE = 100;
  private static final int MAX_SIZE = 1000;

  /** One item to page: its place in the order and what {@code data} shows of it. */
  record Item(PageKey key, Object body) {}

  private final int size;
  private final Map<String, String> query;

  private Pager(int size, Map<String, String> query) {
    this.size = size;
    this.query = query;
  }

  /**
   * A pager for the query's {@code size}, checked now because Kong refuses a bad size before anything else
   * about the request; the {@code offset} is read by {@link #page}.
   */
  static Pager of(Map<String, String> query) {
    return new Pager(size(query.get("size")), query);
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

  /**
   * The page of {@code items} after the query's offset. {@code next} is {@code basePath?offset=...}; with
   * {@code carryQuery} it also repeats the query's {@code tags} and {@code size}, as Kong's top-level lists do
   * (its nested lists and {@code /tags/{tag}} do not).
   */
  Map<String, Object> page(List<Item> items, String basePath, boolean carryQuery) {
    PageKey after = query.containsKey("offset") ? PageKey.parse(query.get("offset")) : null;
    List<Item> rest = new ArrayList<>();
    for (Item item : items) {
      if (after == null || item.key().isAfter(after)) {
        rest.add(item);
      }
    }
    rest.sort(Comparator.comparing(Item::key, PageKey.ORDER));
    List<Object> data = new ArrayList<>();
    for (Item item : rest.subList(0, Math.min(size, rest.size()))) {
      data.add(item.body());
    }
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("data", data);
    if (rest.size() > size) {
      String offset = rest.get(size - 1).key().token();
      page.put("next", next(basePath, offset, carryQuery));
      page.put("offset", offset);
    } else {
      page.put("next", null);
    }
    return page;
  }

  private String next(String basePath, String offset, boolean carryQuery) {
    StringBuilder next = new StringBuilder(basePath).append("?offset=").append(escape(offset));
    if (carryQuery && query.get("tags") != null) {
      next.append("&tags=").append(escape(query.get("tags")));
    }
    if (carryQuery && query.get("size") != null) {
      next.append("&size=").append(query.get("size"));
    }
    return next.toString();
  }

  /** Percent-encoding for a query value or path segment ({@code %20} for a space, not {@code +}). */
  static String escape(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
