package dev.llmgateway.internal.admin;

import dev.llmgateway.entity.EntityType;
import dev.llmgateway.schema.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One page of an entity collection, as Kong lists one: ordered by id and paged by {@link Pager}, filtered by
 * {@code tags} ({@code a,b} all of, {@code a/b} any of) when the type has tags.
 */
final class Listing {
  private Listing() {}

  /**
   * The page of {@code rows} the query asks for. {@code basePath} is the collection's path for {@code next};
   * nested lists ({@code topLevel} false) carry neither size nor tags in it, like Kong's.
   */
  static Map<String, Object> page(EntityType type, List<Row> rows, Map<String, String> query, String basePath,
      boolean topLevel) {
    Pager pager = Pager.of(query);
    TagFilter tags = type.schema().field("tags") != null ? TagFilter.parse(query.get("tags")) : TagFilter.NONE;
    List<Pager.Item> items = new ArrayList<>();
    for (Row row : rows) {
      if (tags.matches(row.strings("tags"))) {
        items.add(new Pager.Item(PageKey.of(row.string("id")), row));
      }
    }
    return pager.page(items, basePath, topLevel);
  }
}
