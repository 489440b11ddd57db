package dev.llmgateway.internal.plugins.iprestriction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.net.IpRange;
import dev.llmgateway.internal.pipeline.ConfigBinder;
import dev.llmgateway.internal.plugins.testing.TestGateway;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.SchemaViolation;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ip-restriction's schema and address ranges. What it does to requests is tested through a real gateway in
 * gateway-testkit's {@code IpRestrictionAccessTest}.
 */
class IpRestrictionTest {
  private static final ConfigBinder<IpRestrictionConfig> BINDER =
      ConfigBinder.of("ip-restriction", IpRestrictionConfig.class, IpRestrictionConfig.SCHEMA);
  private final TestGateway gw = new TestGateway(new IpRestrictionType());

  private Row config(Map<String, Object> config) {
    return gw.validatePlugin("ip-restriction", config, Map.of()).record("config");
  }

  private Object fields(Map<String, Object> config) {
    try {
      config(config);
    } catch (SchemaViolation e) {
      return e.toJson().get("fields");
    }
    throw new AssertionError("expected a schema violation for " + config);
  }

  @Test
  void defaultsAreKongs() {
    Row c = config(Map.of("deny", List.of("10.0.0.1")));
    assertThat(c.asMap().keySet()).containsExactly("allow", "deny", "status", "message");
    assertThat(c.get("allow")).isNull();
    assertThat(c.get("status")).isNull();
    assertThat(c.get("message")).isNull();
    assertThat(BINDER.bind(c)).isEqualTo(new IpRestrictionConfig(null, List.of("10.0.0.1"), null, null));
  }

  @Test
  void everyValidationError() {
    assertThat(fields(Map.of())).isEqualTo(Map.of("@entity",
        List.of("at least one of these fields must be non-empty: 'config.allow', 'config.deny'")));
    assertThat(fields(Map.of("allow", List.of(), "deny", List.of()))).isEqualTo(Map.of("@entity",
        List.of("at least one of these fields must be non-empty: 'config.allow', 'config.deny'")));
    assertThat(fields(Map.of("allow", List.of("10.0.0.0/8", "10.0.0.0/33", "example.com", "::1/129", "1.2.3")))).isEqualTo(
        Map.of("config", Map.of("allow", Arrays.asList(null, "invalid ip or cidr range: '10.0.0.0/33'",
            "invalid ip or cidr range: 'example.com'", "invalid ip or cidr range: '::1/129'",
            "invalid ip or cidr range: '1.2.3'"))));
    Map<String, Object> in = new HashMap<>();
    in.put("deny", List.of("::1"));
    in.put("status", "teapot");
    in.put("message", "");
    assertThat(fields(in)).isEqualTo(Map.of("config", Map.of("status", "expected a number",
        "message", "length must be at least 1")));
  }

  @Test
  void rangesMatchBitByBit() {
    assertThat(IpRange.parse("10.1.0.0/16").contains(IpRange.address("10.1.255.7"))).isTrue();
    assertThat(IpRange.parse("10.1.0.0/16").contains(IpRange.address("10.2.0.1"))).isFalse();
    assertThat(IpRange.parse("192.168.1.128/25").contains(IpRange.address("192.168.1.200"))).isTrue();
    assertThat(IpRange.parse("192.168.1.128/25").contains(IpRange.address("192.168.1.100"))).isFalse();
    assertThat(IpRange.parse("0.0.0.0/0").contains(IpRange.address("8.8.8.8"))).isTrue();
    assertThat(IpRange.parse("0.0.0.0/0").contains(IpRange.address("::1"))).isFalse();
    assertThat(IpRange.parse("2001:db8::/32").contains(IpRange.address("2001:db8:ffff::1"))).isTrue();
    assertThat(IpRange.parse("2001:db8::/32").contains(IpRange.address("2001:db9::1"))).isFalse();
    assertThat(IpRange.parse("fe80::/10").contains(IpRange.address("fe80::1%lo"))).isTrue();
    assertThat(IpRange.parse("::ffff:0:0/96").contains(IpRange.address("::ffff:1.2.3.4"))).isTrue();
    assertThat(IpRange.parse("10.0.0.1").contains(IpRange.address("10.0.0.1"))).isTrue();
  }
}
