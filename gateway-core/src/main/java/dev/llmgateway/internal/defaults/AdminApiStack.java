package dev.llmgateway.internal.defaults;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import dev.llmgateway.internal.plugins.acl.AclGroup;
import dev.llmgateway.internal.plugins.keyauth.KeyAuthCredential;
import dev.llmgateway.schema.Row;
import dev.llmgateway.internal.store.ConfigWriter;
import dev.llmgateway.internal.store.EntityWrites;
import dev.llmgateway.internal.store.Mutation;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * Keeps the Admin API reachable through the proxy, so nobody locks themselves out by accident: at each start
 * (and after a {@code POST /config} that does not define {@code admin-api-service} itself) the service is pointed
 * at the real admin listener, its route, key-auth (credentials hidden, no anonymous) and acl (group admin) are
 * restored, and the consumer {@code admin} is in group {@code admin} with exactly the configured key. Everything
 * else in the configuration is left as it was. Key values are never logged.
 */
public final class AdminApiStack {
  static final Map<String, Object> KEY_AUTH_CONFIG = Map.of("hide_credentials", true);
  static final Map<String, Object> ACL_CONFIG = Map.of("allow", List.of(DefaultStack.ADMIN_GROUP));
  private static final Logger LOG = Logger.getLogger(AdminApiStack.class.getName());

  private AdminApiStack() {}

  /** The {@code POST /config} hook ({@code AdminApi.Builder.onConfigLoad}) for these settings. */
  public static UnaryOperator<Configuration> configLoadHook(StackSettings settings, LongSupplier clockMillis) {
    return cfg -> afterConfigLoad(cfg, settings, clockMillis.getAsLong() / 1000);
  }

  /**
   * Re-asserts the admin-api entities in the store behind {@code writer}, as one write, at start-up (after the
   * start-up configuration is chosen and before the listeners open). Blocks until the write is durable.
   */
  public static void reassertAtStart(ConfigWriter writer, StackSettings settings, LongSupplier clockMillis)
      throws IOException {
    try {
      writer.submit(cfg -> {
        Configuration next = reassert(cfg, settings, clockMillis.getAsLong() / 1000);
        return next.equals(cfg) ? Mutation.Outcome.unchanged(cfg, next) : EntityWrites.replaceAll(cfg, next);
      }).get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IOException("could not re-assert the Admin API entities: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while re-asserting the Admin API entities", e);
    } catch (TimeoutException e) {
      throw new IOException("timed out re-asserting the Admin API entities", e);
    }
  }

  /** {@code cfg} after {@code POST /config}: unchanged when it defines {@code admin-api-service}, else re-asserted. */
  public static Configuration afterConfigLoad(Configuration cfg, StackSettings settings, long nowSeconds) {
    if (cfg.find(Service.TYPE, DefaultStack.ADMIN_SERVICE) != null) {
      return cfg;
    }
    return reassert(cfg, settings, nowSeconds);
  }

  /** {@code cfg} with every admin-api entity restored as the stack defines it. */
  public static Configuration reassert(Configuration cfg, StackSettings settings, long nowSeconds) {
    long now = nowSeconds;
    Row service = upsertByKey(cfg, Service.TYPE, DefaultStack.ADMIN_SERVICE,
        Map.of("name", DefaultStack.ADMIN_SERVICE, "url", settings.adminUrl()), now);
    cfg = cfg.with(Service.TYPE, service);
    UUID serviceId = EntityType.id(service);
    Map<String, Object> route = DefaultStack.routeFields(DefaultStack.ADMIN_ROUTE, DefaultStack.ADMIN_PATH,
        DefaultStack.ADMIN_SERVICE);
    route.put("service", Map.of("id", serviceId.toString()));
    route.put("protocols", List.of("http", "https"));
    cfg = cfg.with(Route.TYPE, upsertByKey(cfg, Route.TYPE, DefaultStack.ADMIN_ROUTE, route, now));
    cfg = withServicePlugin(cfg, serviceId, "key-auth", KEY_AUTH_CONFIG, now);
    cfg = withServicePlugin(cfg, serviceId, "acl", ACL_CONFIG, now);
    Row consumer = upsertByKey(cfg, Consumer.TYPE, DefaultStack.ADMIN_CONSUMER,
        Map.of("username", DefaultStack.ADMIN_CONSUMER), now);
    cfg = cfg.with(Consumer.TYPE, consumer);
    UUID consumerId = EntityType.id(consumer);
    cfg = withAdminGroup(cfg, consumerId, now);
    return AdminKeyCredential.assign(cfg, consumerId, settings.adminKey(), now);
  }

  /** The row of {@code type} named {@code key} updated with {@code fields}, or a new one with a stable id. */
  private static Row upsertByKey(Configuration cfg, EntityType type, String key, Map<String, Object> fields,
      long now) {
    Row existing = cfg.find(type, key);
    if (existing == null) {
      return StackRows.create(type, freeId(cfg, type, key), fields, now);
    }
    Row updated = StackRows.update(type, existing, fields, now);
    if (updated != existing) {
      LOG.info(() -> "re-asserted " + type.name() + " '" + key + "' of the Admin API stack");
    }
    return updated;
  }

  /** The stable id of a stack entity, or a random one when a user entity already has it. */
  private static UUID freeId(Configuration cfg, EntityType type, String key) {
    UUID id = StackRows.id(type.name(), key);
    return cfg.get(type, id) == null ? id : UUID.randomUUID();
  }

  private static Configuration withServicePlugin(Configuration cfg, UUID serviceId, String name,
      Map<String, Object> config, long now) {
    EntityType plugins = cfg.types().plugins();
    for (Row row : cfg.rows(plugins)) {
      if (name.equals(row.string("name")) && serviceId.equals(row.foreignId("service"))
          && row.get("route") == null && row.get("consumer") == null) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("enabled", true);
        changes.put("config", defaultsWith(row.record("config").schema().validate(Map.of()).toPlainMap(), config));
        return cfg.with(plugins, StackRows.update(plugins, row, changes, now));
      }
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("name", name);
    fields.put("service", Map.of("id", serviceId.toString()));
    fields.put("config", config);
    return cfg.with(plugins, StackRows.create(plugins, freeId(cfg, plugins, name + "@" + serviceId), fields, now));
  }

  private static Map<String, Object> defaultsWith(Map<String, Object> defaults, Map<String, Object> config) {
    Map<String, Object> out = new LinkedHashMap<>(defaults);
    out.putAll(config);
    return out;
  }

  private static Configuration withAdminGroup(Configuration cfg, UUID consumerId, long now) {
    for (Row row : cfg.rows(AclGroup.TYPE)) {
      AclGroup g = AclGroup.of(row);
      if (g.consumerId().equals(consumerId) && g.group().equals(DefaultStack.ADMIN_GROUP)) {
        return cfg;
      }
    }
    Map<String, Object> fields = Map.of("consumer", Map.of("id", consumerId.toString()),
        "group", DefaultStack.ADMIN_GROUP);
    return cfg.with(AclGroup.TYPE, StackRows.create(AclGroup.TYPE,
        freeId(cfg, AclGroup.TYPE, consumerId + "/" + DefaultStack.ADMIN_GROUP), fields, now));
  }
}
