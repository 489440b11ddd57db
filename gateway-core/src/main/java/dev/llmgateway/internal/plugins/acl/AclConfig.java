package dev.llmgateway.internal.plugins.acl;

import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.FieldErrors;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import java.util.List;
import java.util.Map;

/**
 * The config of one acl plugin, bound from its schema by the gateway: exactly one of {@code allow} and
 * {@code deny} (group names), and whether to keep the {@code X-Consumer-Groups} header from the upstream.
 */
public record AclConfig(List<String> allow, List<String> deny, boolean hideGroupsHeader) {

  /** The schema of acl's {@code config} record. */
  public static final Schema SCHEMA = Schema.of("acl",
      Field.array("allow", Field.string("group"))
          .description("Groups allowed to consume the service or route"),
      Field.array("deny", Field.string("group"))
          .description("Groups not allowed to consume the service or route"),
      Field.bool("hide_groups_header").required().defaultValue(false)
          .description("Do not send X-Consumer-Groups upstream"),
      Field.bool("include_consumer_groups").defaultValue(false)
          .description("Accepted for compatibility; consumer groups are an Enterprise feature"),
      Field.bool("always_use_authenticated_groups").required().defaultValue(false)
          .description("Prefer groups set by another auth plugin; none of ours sets them"));

  public AclConfig {
    allow = allow == null ? null : List.copyOf(allow);
    deny = deny == null ? null : List.copyOf(deny);
  }

  /** True when the plugin denies the listed groups (a non-empty {@code deny}); else it allows only them. */
  public boolean denies() {
    return deny != null && !deny.isEmpty();
  }

  /** The groups the plugin lists. */
  public List<String> groups() {
    return denies() ? deny : allow == null ? List.of() : allow;
  }

  /** Kong's plugin-level checks, naming the fields {@code config.allow} and {@code config.deny}. */
  static final List<EntityCheck> CHECKS = List.of(AclConfig::exactlyOne, AclConfig::atLeastOne);

  private static void exactlyOne(Map<String, Object> plugin, FieldErrors errors) {
    if (plugin.get("config") instanceof Row c && present(c, "allow") == present(c, "deny")) {
      errors.entity("exactly one of these fields must be non-empty: 'config.allow', 'config.deny'");
    }
  }

  private static void atLeastOne(Map<String, Object> plugin, FieldErrors errors) {
    if (plugin.get("config") instanceof Row c && !present(c, "allow") && !present(c, "deny")) {
      errors.entity("at least one of these fields must be non-empty: 'config.allow', 'config.deny'");
    }
  }

  private static boolean present(Row c, String field) {
    List<String> v = c.strings(field);
    return v != null && !v.isEmpty();
  }
}
