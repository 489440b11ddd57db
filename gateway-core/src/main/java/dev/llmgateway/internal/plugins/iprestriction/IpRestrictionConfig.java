package dev.llmgateway.internal.plugins.iprestriction;

import dev.llmgateway.net.IpRange;
import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.FieldErrors;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import java.util.List;
import java.util.Map;

/**
 * The config of one ip-restriction plugin, as Kong 3.10 has it: addresses or CIDR ranges to allow and to deny,
 * and the status and message of a refusal (403 and {@code IP address not allowed: <ip>} when unset).
 */
public record IpRestrictionConfig(List<String> allow, List<String> deny, Long status, String message) {

  private static final Field IP_OR_CIDR = Field.string("ip")
      .validate(v -> IpRange.parse((String) v) == null ? "invalid ip or cidr range: '" + v + "'" : null);

  /** The schema of ip-restriction's {@code config} record. */
  public static final Schema SCHEMA = Schema.of("ip-restriction",
      Field.array("allow", IP_OR_CIDR).description("IP addresses or CIDR ranges allowed"),
      Field.array("deny", IP_OR_CIDR).description("IP addresses or CIDR ranges denied; checked first"),
      Field.number("status").description("The status of a refusal (403 when unset)"),
      Field.string("message").description("The message of a refusal ('IP address not allowed: <ip>' when unset)"));

  /** Kong's plugin-level check, naming the fields {@code config.allow} and {@code config.deny}. */
  static final List<EntityCheck> CHECKS = List.of(IpRestrictionConfig::atLeastOne);

  public IpRestrictionConfig {
    allow = allow == null ? null : List.copyOf(allow);
    deny = deny == null ? null : List.copyOf(deny);
  }

  private static void atLeastOne(Map<String, Object> plugin, FieldErrors errors) {
    if (plugin.get("config") instanceof Row c && empty(c.strings("allow")) && empty(c.strings("deny"))) {
      errors.entity("at least one of these fields must be non-empty: 'config.allow', 'config.deny'");
    }
  }

  private static boolean empty(List<String> list) {
    return list == null || list.isEmpty();
  }
}
