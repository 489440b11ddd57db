package dev.llmgateway.internal.admin;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.entity.Typedefs;
import dev.llmgateway.schema.Row;
import dev.llmgateway.internal.store.ApiError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /tags}: one {@code {"entity_name","entity_id","tag"}} row per tag of every entity whose type has
 * tags; {@code GET /tags/{tag}}: the rows of one tag. Read-only, and paged like every Kong list.
 */
final class TagEndpoints {
  private final AdminContext ctx;

  TagEndpoints(AdminContext ctx) {
    this.ctx = ctx;
  }

  /** Every tag, ordered by entity id and then by the tag's position in the entity's tags. */
  AdminResponse list(Map<String, String> query) {
    Pager pager = Pager.of(query);
    List<Pager.Item> items = new ArrayList<>();
    Configuration cfg = ctx.configuration();
    for (EntityType type : taggedTypes(cfg)) {
      for (Row row : cfg.rows(type)) {
        List<String> tags = tags(row);
        for (int i = 0; i < tags.size(); i++) {
          items.add(new Pager.Item(PageKey.of(row.string("id"), i + 1), body(type, row, tags.get(i))));
        }
      }
    }
    // ?tags= filters nothing here (tag rows have no tags), yet Kong's generic list endpoint carries it into next.
    return AdminResponse.json(200, pager.page(items, "/tags", true));
  }

  /**
   * The entities tagged {@code tag}, ordered by entity id. A tag no entity carries is an empty page; text that
   * could never be a tag is Kong's {@code invalid unique tag}.
   */
  AdminResponse byTag(String tag, Map<String, String> query) {
    Pager pager = Pager.of(query);
    String invalid = Typedefs.TAG_CHECK.check(tag);
    if (invalid != null) {
      throw ApiError.invalidUnique("tag", invalid);
    }
    List<Pager.Item> items = new ArrayList<>();
    Configuration cfg = ctx.configuration();
    for (EntityType type : taggedTypes(cfg)) {
      for (Row row : cfg.rows(type)) {
        if (tags(row).contains(tag)) {
          items.add(new Pager.Item(PageKey.of(row.string("id")), body(type, row, tag)));
        }
      }
    }
    // Like Kong's /tags/{tag}, next repeats neither size nor tags.
    return AdminResponse.json(200, pager.page(items, "/tags/" + Pager.escape(tag), false));
  }

  private static List<EntityType> taggedTypes(Configuration cfg) {
    List<EntityType> out = new ArrayList<>();
    for (EntityType type : cfg.types().all()) {
      if (type.schema().field("tags") != null) {
        out.add(type);
      }
    }
    return out;
  }

  private static List<String> tags(Row row) {
    List<String> tags = row.strings("tags");
    return tags == null ? List.of() : tags;
  }

  private static Map<String, Object> body(EntityType type, Row row, String tag) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("entity_name", type.name());
    body.put("entity_id", row.string("id"));
    body.put("tag", tag);
    return body;
  }
}
