package dev.llmgateway.internal.plugins.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.entity.EntityType;
import dev.llmgateway.internal.plugins.keyauth.KeyAuthType;
import dev.llmgateway.internal.plugins.testing.TestGateway;
import dev.llmgateway.schema.SchemaViolation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * acl's schema and its {@code acls} entity, on real snapshots. What acl does to requests is tested through a real
 * gateway in gateway-testkit's {@code AclAccessTest}.
 */
class AclTest {
  private TestGateway gw;

  @BeforeEach
  void setUp() {
    gw = new TestGateway(new KeyAuthType(), new AclType());
    gw.service("llm", "http://127.0.0.1:9");
    gw.route("r", "/v1", "llm");
    gw.consumer("alice");
    gw.credential("alice", "alice-key");
    gw.acl("alice", "users");
    gw.acl("alice", "admin");
    gw.consumer("bob");
    gw.credential("bob", "bob-key");
    gw.acl("bob", "users");
    gw.consumer("carol");
    gw.credential("carol", "carol-key");
    gw.plugin("key-auth", Map.of(), Map.of("service", "llm"));
  }

  @Test
  void exactlyOneOfAllowAndDeny() {
    assertThatThrownBy(() -> gw.validatePlugin("acl", Map.of("allow", List.of("a"), "deny", List.of("b")), Map.of()))
        .isInstanceOfSatisfying(SchemaViolation.class, e -> assertThat(e.toJson().get("fields")).isEqualTo(Map.of(
            "@entity", List.of("exactly one of these fields must be non-empty: 'config.allow', 'config.deny'"))));
    assertThatThrownBy(() -> gw.validatePlugin("acl", Map.of(), Map.of()))
        .hasMessage("2 schema violations (exactly one of these fields must be non-empty: 'config.allow', "
            + "'config.deny'; at least one of these fields must be non-empty: 'config.allow', 'config.deny')");
    assertThatThrownBy(() -> gw.validatePlugin("acl", Map.of("allow", List.of()), Map.of()))
        .hasMessageContaining("at least one of these fields must be non-empty");
    assertThat(gw.validatePlugin("acl", Map.of("deny", List.of("x")), Map.of()).record("config").asMap())
        .containsEntry("hide_groups_header", false)
        .containsEntry("always_use_authenticated_groups", false)
        .containsEntry("include_consumer_groups", false)
        .containsEntry("allow", null);
  }

  @Test
  void cannotBeScopedToAConsumer() {
    assertThatThrownBy(() -> gw.validatePlugin("acl", Map.of("allow", List.of("a")), Map.of("consumer", "bob")))
        .hasMessage("schema violation (consumer: value must be null)");
  }

  @Test
  void aclsEntityIsKongs() {
    AclType type = new AclType();
    assertThat(type.priority()).isEqualTo(950);
    EntityType t = AclGroup.TYPE;
    assertThat(type.entityTypes()).containsExactly(t);
    assertThat(t.name()).isEqualTo("acls");
    assertThat(t.adminPath()).isEqualTo("acls");
    assertThat(t.nestedPaths()).isEqualTo(Map.of("consumers", "acls"));
    assertThat(t.uniqueTogether()).containsExactly(List.of("consumer", "group"));
    assertThat(t.foreignKey("consumer").cascade()).isTrue();
    assertThat(t.schema().fields()).extracting(f -> f.name())
        .containsExactly("id", "created_at", "consumer", "group", "tags");
    assertThatThrownBy(() -> AclGroup.SCHEMA.validate(Map.of("group", "g")))
        .hasMessage("schema violation (consumer: required field missing)");
    assertThat(gw.registry().entityTypes().byName("acls")).isSameAs(t);
  }
}
