package dev.llmgateway.config;

import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import dev.llmgateway.entity.Target;
import dev.llmgateway.entity.Upstream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entity types one gateway knows, parents before children: the core types, {@code plugins}, then what plugin
 * types contribute. Lookup by table name or by Admin API path.
 */
public final class EntityTypes {
  private final List<EntityType> all;
  private final Map<String, EntityType> byName = new LinkedHashMap<>();
  private final Map<String, EntityType> byAdminPath = new LinkedHashMap<>();

  private EntityTypes(List<EntityType> all) {
    this.all = List.copyOf(all);
    for (EntityType t : all) {
      if (byName.put(t.name(), t) != null) {
        throw new IllegalArgumentException("two entity types named " + t.name());
      }
      if (t.adminPath() != null) {
        byAdminPath.put(t.adminPath(), t);
      }
    }
  }

  /** Core types, then {@code plugins}, then the given plugin-contributed types. */
  public static EntityTypes of(EntityType plugins, List<EntityType> contributed) {
    List<EntityType> all = new ArrayList<>(List.of(Service.TYPE, Route.TYPE, Consumer.TYPE, Upstream.TYPE,
        Target.TYPE, plugins));
    all.addAll(contributed);
    return new EntityTypes(all);
  }

  public List<EntityType> all() {
    return all;
  }

  /** By table name ({@code services}, {@code keyauth_credentials}); null when unknown. */
  public EntityType byName(String name) {
    return byName.get(name);
  }

  /** By top-level Admin API collection ({@code services}, {@code key-auths}); null when unknown. */
  public EntityType byAdminPath(String path) {
    return byAdminPath.get(path);
  }

  /** The {@code plugins} type. */
  public EntityType plugins() {
    return byName.get("plugins");
  }

  /** Types that reference {@code parent}, with the referencing field. */
  public List<Map.Entry<EntityType, String>> childrenOf(EntityType parent) {
    List<Map.Entry<EntityType, String>> out = new ArrayList<>();
    for (EntityType t : all) {
      t.foreignKeys().forEach(fk -> {
        if (fk.references().equals(parent.name())) {
          out.add(Map.entry(t, fk.field()));
        }
      });
    }
    return Collections.unmodifiableList(out);
  }
}
