package dev.llmgateway.internal.admin;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.schema.Row;
import dev.llmgateway.internal.store.ApiError;
import dev.llmgateway.internal.store.EntityKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Kong's generic endpoints of one entity type: {@code GET|POST /services} and
 * {@code GET|PUT|PATCH|DELETE /services/{id or name}}, for every type with an admin path.
 */
final class EntityEndpoints {
  private final AdminContext ctx;

  EntityEndpoints(AdminContext ctx) {
    this.ctx = ctx;
  }

  AdminResponse list(AdminRoute route, Map<String, String> query) {
    Configuration cfg = ctx.configuration();
    List<Row> rows = new ArrayList<>(cfg.rows(route.type()));
    if (route.type() == Consumer.TYPE && query.get("custom_id") != null) {
      rows.removeIf(r -> !query.get("custom_id").equals(r.get("custom_id")));
    }
    return AdminResponse.json(200, Listing.page(route.type(), rows, query, route.collectionPath(), true));
  }

  CompletableFuture<AdminResponse> create(AdminRoute route, BodyArgs args) {
    EntityType type = route.type();
    return ctx.write(cfg -> ctx.writes.insert(cfg, type, args.typedFor(type.schema(), null)))
        .thenApply(row -> AdminResponse.json(201, row));
  }

  AdminResponse get(AdminRoute route) {
    EntityKey key = EntityKey.parse(route.type(), route.key());
    Row row = key.find(ctx.configuration(), route.type());
    if (row == null) {
      throw ApiError.notFound();
    }
    return AdminResponse.json(200, row);
  }

  CompletableFuture<AdminResponse> put(AdminRoute route, BodyArgs args) {
    EntityType type = route.type();
    EntityKey key = EntityKey.parse(type, route.key());
    return ctx.write(cfg -> {
      Row existing = key.find(cfg, type);
      Map<String, Object> input = args.typedFor(type.schema(), existing == null ? null : existing.toPlainMap());
      return ctx.writes.upsert(cfg, type, key, input);
    }).thenApply(row -> AdminResponse.json(200, row));
  }

  CompletableFuture<AdminResponse> patch(AdminRoute route, BodyArgs args) {
    EntityType type = route.type();
    EntityKey key = EntityKey.parse(type, route.key());
    return ctx.write(cfg -> {
      Row existing = key.find(cfg, type);
      if (existing == null) {
        throw ApiError.notFound(key.asMap(), key.byId());
      }
      return ctx.writes.update(cfg, type, existing, args.typedFor(type.schema(), existing.toPlainMap()));
    }).thenApply(row -> AdminResponse.json(200, row));
  }

  CompletableFuture<AdminResponse> delete(AdminRoute route) {
    EntityType type = route.type();
    EntityKey key = EntityKey.parse(type, route.key());
    return ctx.write(cfg -> ctx.writes.delete(cfg, type, key)).thenApply(row -> AdminResponse.empty(204));
  }
}
