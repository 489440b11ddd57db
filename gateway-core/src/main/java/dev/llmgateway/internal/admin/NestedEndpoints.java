package dev.llmgateway.internal.admin;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.schema.Row;
import dev.llmgateway.internal.store.ApiError;
import dev.llmgateway.store.ChangeSet;
import dev.llmgateway.internal.store.EntityKey;
import dev.llmgateway.internal.store.Mutation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Kong's endpoints along a foreign key: children under a parent ({@code /services/{s}/routes[/{r}]},
 * {@code /consumers/{c}/key-auth[/{k}]}) and the parent of a child ({@code /routes/{r}/service}). A child named
 * under the wrong parent is 404.
 */
final class NestedEndpoints {
  private final AdminContext ctx;

  NestedEndpoints(AdminContext ctx) {
    this.ctx = ctx;
  }

  static Row parent(Configuration cfg, AdminRoute route) {
    Row parent = EntityKey.parse(route.parentType(), route.parentKey()).find(cfg, route.parentType());
    if (parent == null) {
      throw ApiError.notFound();
    }
    return parent;
  }

  /** The child the route names among the parent's children (by id, or by endpoint key within the parent). */
  static Row child(Configuration cfg, AdminRoute route, Row parent) {
    EntityKey key = EntityKey.parse(route.type(), route.key());
    UUID parentId = EntityType.id(parent);
    if (key.byId()) {
      Row row = cfg.get(route.type(), key.id());
      return row != null && parentId.equals(row.foreignId(route.fkField())) ? row : null;
    }
    for (Row row : cfg.rows(route.type())) {
      if (parentId.equals(row.foreignId(route.fkField())) && key.value().equals(row.get(key.field()))) {
        return row;
      }
    }
    return null;
  }

  private static List<Row> children(Configuration cfg, AdminRoute route, Row parent) {
    UUID parentId = EntityType.id(parent);
    List<Row> out = new ArrayList<>();
    for (Row row : cfg.rows(route.type())) {
      if (parentId.equals(row.foreignId(route.fkField()))) {
        out.add(row);
      }
    }
    return out;
  }

  private static Map<String, Object> idRef(Row row) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("id", row.string("id"));
    return ref;
  }

  AdminResponse list(AdminRoute route, Map<String, String> query) {
    Configuration cfg = ctx.configuration();
    List<Row> rows = children(cfg, route, parent(cfg, route));
    return AdminResponse.json(200, Listing.page(route.type(), rows, query, route.collectionPath(), false));
  }

  CompletableFuture<AdminResponse> create(AdminRoute route, BodyArgs args) {
    EntityType type = route.type();
    return ctx.write(cfg -> {
      Row parent = parent(cfg, route);
      Map<String, Object> input = new LinkedHashMap<>(args.typedFor(type.schema(), null));
      input.put(route.fkField(), idRef(parent));
      return ctx.writes.insert(cfg, type, input);
    }).thenApply(row -> AdminResponse.json(201, row));
  }

  AdminResponse get(AdminRoute route) {
    Configuration cfg = ctx.configuration();
    Row row = child(cfg, route, parent(cfg, route));
    if (row == null) {
      throw ApiError.notFound();
    }
    return AdminResponse.json(200, row);
  }

  /** PUT under a parent upserts the child with that parent (Kong moves it there if it was elsewhere). */
  CompletableFuture<AdminResponse> put(AdminRoute route, BodyArgs args) {
    EntityType type = route.type();
    EntityKey key = EntityKey.parse(type, route.key());
    return ctx.write(cfg -> {
      Row parent = parent(cfg, route);
      Row existing = key.find(cfg, type);
      Map<String, Object> input = new LinkedHashMap<>(
          args.typedFor(type.schema(), existing == null ? null : existing.toPlainMap()));
      input.put(route.fkField(), idRef(parent));
      return ctx.writes.upsert(cfg, type, key, input);
    }).thenApply(row -> AdminResponse.json(200, row));
  }

  CompletableFuture<AdminResponse> patch(AdminRoute route, BodyArgs args) {
    EntityType type = route.type();
    return ctx.write(cfg -> {
      Row parent = parent(cfg, route);
      Row existing = child(cfg, route, parent);
      if (existing == null) {
        throw ApiError.notFound();
      }
      Map<String, Object> input = new LinkedHashMap<>(args.typedFor(type.schema(), existing.toPlainMap()));
      input.putIfAbsent(route.fkField(), idRef(parent));
      return ctx.writes.update(cfg, type, existing, input);
    }).thenApply(row -> AdminResponse.json(200, row));
  }

  CompletableFuture<AdminResponse> delete(AdminRoute route) {
    EntityType type = route.type();
    return ctx.write(cfg -> {
      Row existing = child(cfg, route, parent(cfg, route));
      if (existing == null) {
        throw ApiError.notFound();
      }
      return ctx.writes.delete(cfg, type, existing);
    }).thenApply(row -> AdminResponse.empty(204));
  }

  // The parent of a child: route.parentType() is the child's type, route.type() the referenced type.

  private static Row referenced(Configuration cfg, AdminRoute route, Row child) {
    UUID id = child.foreignId(route.fkField());
    Row row = id == null ? null : cfg.get(route.type(), id);
    if (row == null) {
      throw ApiError.notFound();
    }
    return row;
  }

  AdminResponse getParent(AdminRoute route) {
    Configuration cfg = ctx.configuration();
    return AdminResponse.json(200, referenced(cfg, route, parent(cfg, route)));
  }

  CompletableFuture<AdminResponse> patchParent(AdminRoute route, BodyArgs args) {
    EntityType type = route.type();
    return ctx.write(cfg -> {
      Row target = referenced(cfg, route, parent(cfg, route));
      return ctx.writes.update(cfg, type, target, args.typedFor(type.schema(), target.toPlainMap()));
    }).thenApply(row -> AdminResponse.json(200, row));
  }

  /** PUT on a child's parent replaces it; a child without one gets a new parent, associated to it. */
  CompletableFuture<AdminResponse> putParent(AdminRoute route, BodyArgs args) {
    EntityType type = route.type();
    EntityType childType = route.parentType();
    return ctx.write(cfg -> {
      Row child = parent(cfg, route);
      UUID existingId = child.foreignId(route.fkField());
      UUID id = existingId != null ? existingId : UUID.randomUUID();
      Row existing = cfg.get(type, id);
      Map<String, Object> input = args.typedFor(type.schema(), existing == null ? null : existing.toPlainMap());
      Mutation.Outcome<Row> upserted = ctx.writes.upsert(cfg, type, EntityKey.ofId(id), input);
      if (existingId != null) {
        return upserted;
      }
      Map<String, Object> link = new LinkedHashMap<>();
      link.put(route.fkField(), idRef(upserted.result()));
      Mutation.Outcome<Row> linked = ctx.writes.update(upserted.next(), childType, child, link);
      List<ChangeSet.Op> ops = new ArrayList<>(upserted.changes().ops());
      ops.addAll(linked.changes().ops());
      return new Mutation.Outcome<>(linked.next(), ChangeSet.of(ops), upserted.result());
    }).thenApply(row -> AdminResponse.json(200, row));
  }

  AdminResponse deleteParent(AdminRoute route) {
    Configuration cfg = ctx.configuration();
    referenced(cfg, route, parent(cfg, route));
    return AdminResponse.json(405, Map.of("message", "Method not allowed"));
  }
}
