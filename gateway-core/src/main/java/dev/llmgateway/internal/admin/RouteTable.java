package dev.llmgateway.internal.admin;

import dev.llmgateway.internal.admin.AdminRoute.Kind;
import dev.llmgateway.config.EntityTypes;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.entity.ForeignKey;
import dev.llmgateway.entity.Target;
import dev.llmgateway.entity.Upstream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Every path this Admin API serves: the fixed endpoints, and those Kong generates for each entity type and each
 * foreign key. Requests are resolved against this table and {@code GET /endpoints} lists it, so what is listed
 * is what is served.
 */
final class RouteTable {
  /**
   * Kong's {@code /endpoints} order: byte order with {@code /} counted lowest, so a path's sub-paths come right
   * after it ({@code /a}, {@code /a/z}, {@code /ab}).
   */
  private static final Comparator<String> KONG_ORDER = Comparator.comparing(
      (String p) -> p.replace('/', '\0').getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned);

  private record Entry(PathTemplate path, Function<List<String>, AdminRoute> route) {}

  private final EntityTypes types;
  private final List<Entry> entries;

  private RouteTable(EntityTypes types, List<Entry> entries) {
    this.types = types;
    this.entries = List.copyOf(entries);
  }

  /** The table for {@code types}, without {@code /metrics}. */
  static RouteTable of(EntityTypes types) {
    return of(types, false);
  }

  /** The table for {@code types}; {@code metrics} adds Kong's {@code /metrics} (the prometheus plugin's). */
  static RouteTable of(EntityTypes types, boolean metrics) {
    List<Entry> entries = new ArrayList<>();
    fixed(entries, "/", Kind.ROOT);
    fixed(entries, "/status", Kind.STATUS);
    if (metrics) {
      fixed(entries, "/metrics", Kind.METRICS);
    }
    fixed(entries, "/endpoints", Kind.ENDPOINTS);
    fixed(entries, "/config", Kind.CONFIG);
    fixed(entries, "/plugins/enabled", Kind.PLUGINS_ENABLED);
    fixed(entries, "/tags", Kind.TAGS);
    add(entries, "/tags/{tags}", v -> AdminRoute.fixed(Kind.TAG, v.get(0)));
    add(entries, "/schemas/{name}", v -> AdminRoute.fixed(Kind.SCHEMA, v.get(0)));
    add(entries, "/schemas/{db_entity_name}/validate", v -> AdminRoute.fixed(Kind.SCHEMA_VALIDATE, v.get(0)));
    add(entries, "/schemas/plugins/{name}", v -> AdminRoute.fixed(Kind.PLUGIN_SCHEMA, v.get(0)));
    add(entries, "/schemas/plugins/validate", v -> AdminRoute.fixed(Kind.PLUGIN_SCHEMA_VALIDATE, "plugins"));
    for (EntityType type : types.all()) {
      if (type.adminPath() != null) {
        entity(entries, type, types);
      }
    }
    // Kong's upstreams.lua adds this one by hand: every target of an upstream, as one list.
    add(entries, "/upstreams/{upstreams}/targets/all", v -> new AdminRoute(Kind.TARGETS_ALL, Target.TYPE, null,
        Upstream.TYPE, v.get(0), "upstream", "/upstreams/" + v.get(0) + "/targets/all", null));
    add(entries, "/upstreams/{upstreams}/health", v -> new AdminRoute(Kind.UPSTREAM_HEALTH, Target.TYPE, null,
        Upstream.TYPE, v.get(0), "upstream", null, null));
    for (String state : new String[] {"healthy", "unhealthy"}) {
      // The route's name is the state to set; its collectionPath slot carries the {address}, when given.
      add(entries, "/upstreams/{upstreams}/targets/{targets}/" + state, v -> new AdminRoute(Kind.TARGET_HEALTH,
          Target.TYPE, v.get(1), Upstream.TYPE, v.get(0), "upstream", null, state));
      add(entries, "/upstreams/{upstreams}/targets/{targets}/{address}/" + state, v -> new AdminRoute(
          Kind.TARGET_HEALTH, Target.TYPE, v.get(1), Upstream.TYPE, v.get(0), "upstream", v.get(2), state));
    }
    return new RouteTable(types, entries);
  }

  private static void add(List<Entry> entries, String path, Function<List<String>, AdminRoute> route) {
    entries.add(new Entry(PathTemplate.parse(path), route));
  }

  private static void fixed(List<Entry> entries, String path, Kind kind) {
    add(entries, path, v -> AdminRoute.fixed(kind, null));
  }

  /**
   * Kong's generated endpoints of one type with an admin path: {@code /routes}, {@code /routes/{routes}}, the
   * parent along each foreign key ({@code /routes/{routes}/service}) and the children of other types under it
   * ({@code /services/{services}/routes[/{routes}]}).
   */
  private static void entity(List<Entry> entries, EntityType type, EntityTypes types) {
    String base = "/" + type.adminPath();
    String self = base + "/{" + type.name() + "}";
    add(entries, base, v -> new AdminRoute(Kind.COLLECTION, type, null, null, null, null, base, null));
    add(entries, self, v -> new AdminRoute(Kind.ENTITY, type, v.get(0), null, null, null, base, null));
    for (ForeignKey fk : type.foreignKeys()) {
      EntityType referenced = types.byName(fk.references());
      if (referenced != null && referenced.adminPath() != null) {
        add(entries, self + "/" + fk.field(), v -> new AdminRoute(Kind.PARENT_OF, referenced, null, type, v.get(0),
            fk.field(), null, null));
      }
    }
    for (Map.Entry<EntityType, String> child : types.childrenOf(type)) {
      EntityType childType = child.getKey();
      String fkField = child.getValue();
      String nested = nestedName(childType, type);
      Function<String, String> collection = key -> base + "/" + key + "/" + nested;
      add(entries, self + "/" + nested, v -> new AdminRoute(Kind.NESTED_COLLECTION, childType, null, type,
          v.get(0), fkField, collection.apply(v.get(0)), null));
      add(entries, self + "/" + nested + "/{" + childType.name() + "}", v -> new AdminRoute(Kind.NESTED_ENTITY,
          childType, v.get(1), type, v.get(0), fkField, collection.apply(v.get(0)), null));
    }
  }

  /** A child type's collection name under a parent entity: its nested path, else its admin path, else its name. */
  private static String nestedName(EntityType child, EntityType parent) {
    String nested = child.nestedPaths().get(parent.name());
    if (nested != null) {
      return nested;
    }
    return child.adminPath() != null ? child.adminPath() : child.name();
  }

  /** The entity types this table was built for. */
  EntityTypes types() {
    return types;
  }

  /**
   * What decoded path segments name, or null (404). Of the templates that fit, the one with the fewest
   * placeholders wins, as in Kong's router: {@code /plugins/enabled} before {@code /plugins/{plugins}}; on a tie
   * the earlier entry.
   */
  AdminRoute resolve(List<String> segments) {
    Entry best = null;
    List<String> values = null;
    for (Entry entry : entries) {
      List<String> match = entry.path.match(segments);
      if (match != null && (best == null || entry.path.placeholders() < best.path.placeholders())) {
        best = entry;
        values = match;
      }
    }
    return best == null ? null : best.route.apply(values);
  }

  /** Every path template, once each, in Kong's {@code /endpoints} order. */
  List<String> paths() {
    TreeSet<String> paths = new TreeSet<>(KONG_ORDER);
    for (Entry entry : entries) {
      paths.add(entry.path.toString());
    }
    return List.copyOf(paths);
  }
}
