package dev.llmgateway.admin;

import dev.llmgateway.entity.EntityType;
import dev.llmgateway.entity.Typedefs;
import dev.llmgateway.pipeline.PluginRegistry;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;
import dev.llmgateway.schema.Validators;
import java.util.List;

/**
 * Test-only plugin types standing in for the bundled ones: a {@code key-auth} that contributes an entity type
 * (credentials with a consumer foreign key, served at {@code /key-auths} and {@code /consumers/{c}/key-auth}),
 * and a {@code rate-limiting} with a few numeric config fields. They prove the Admin API and declarative config
 * serve plugin-contributed types generically.
 */
public final class TestPlugins {
  private TestPlugins() {}

  /** Credentials owned by a consumer, like Kong's {@code keyauth_credentials}. */
  public static final EntityType CREDENTIALS = EntityType.builder("keyauth_credentials", Schema.of(
          "keyauth_credentials",
          Typedefs.id(),
          Typedefs.createdAt(),
          Field.foreign("consumer", "consumers").required(),
          Field.string("key").required().unique(),
          Typedefs.tags()))
      .adminPath("key-auths")
      .endpointKey("key")
      .cacheKeyField("key")
      .timestamps(EntityType.Timestamps.CREATED_ONLY)
      .references("consumer", "consumers", true, "key-auth")
      .build();

  private static final Schema KEY_AUTH_CONFIG = Schema.of("config",
      Field.array("key_names", Field.string("key_name")).required().defaultValue(List.of("apikey")),
      Field.bool("hide_credentials").required().defaultValue(false),
      Field.string("anonymous"),
      Field.bool("key_in_header").required().defaultValue(true));

  private static final Schema RATE_LIMITING_CONFIG = Schema.of("config",
      Field.number("second").validate(Validators.greaterThan(0)),
      Field.number("minute").validate(Validators.greaterThan(0)),
      Field.number("hour").validate(Validators.greaterThan(0)),
      Field.string("policy").defaultValue("local").oneOf("local", "cluster", "redis"),
      Field.string("limit_by").defaultValue("consumer").oneOf("consumer", "credential", "ip", "service"),
      Field.bool("fault_tolerant").required().defaultValue(true))
      .withChecks(EntityCheck.atLeastOneOf("second", "minute", "hour"));

  /** A key-auth stand-in: an auth plugin (never consumer-scoped) with its credential entity. */
  public static final PluginType KEY_AUTH = new PluginType() {
    @Override
    public String name() {
      return "key-auth";
    }

    @Override
    public int priority() {
      return 1250;
    }

    @Override
    public Schema configSchema() {
      return KEY_AUTH_CONFIG;
    }

    @Override
    public boolean allowsConsumerScope() {
      return false;
    }

    @Override
    public List<EntityType> entityTypes() {
      return List.of(CREDENTIALS);
    }

    @Override
    public Plugin create(PluginSetup setup) {
      return new Plugin() {};
    }
  };

  /** A rate-limiting stand-in with numeric windows and a policy. */
  public static final PluginType RATE_LIMITING = new PluginType() {
    @Override
    public String name() {
      return "rate-limiting";
    }

    @Override
    public int priority() {
      return 910;
    }

    @Override
    public String version() {
      return "3.10.0";
    }

    @Override
    public Schema configSchema() {
      return RATE_LIMITING_CONFIG;
    }

    @Override
    public Plugin create(PluginSetup setup) {
      return new Plugin() {};
    }
  };

  /** A registry with both test plugin types. */
  public static PluginRegistry registry() {
    return PluginRegistry.of(KEY_AUTH, RATE_LIMITING);
  }
}
