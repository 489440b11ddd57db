package dev.llmgateway.plugins.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.entity.EntityType;
import dev.llmgateway.plugins.keyauth.KeyAuthType;
import dev.llmgateway.plugins.testing.TestGateway;
import dev.llmgateway.plugins.testing.TestGateway.Outcome;
import dev.llmgateway.plugins.testing.TestRequest;
import dev.llmgateway.schema.SchemaViolation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

  private Outcome as(String key) {
    TestRequest r = TestRequest.get("/v1").header("X-Consumer-Groups", "admin");
    return gw.run("r", key == null ? r : r.header("apikey", key));
  }

  @Test
  void allowLetsMembersThroughWithTheirGroups() {
    gw.plugin("acl", Map.of("allow", List.of("admin")), Map.of("service", "llm"));
    Outcome alice = as("alice-key");
    assertThat(alice.proceeded()).isTrue();
    assertThat(alice.exchange().upstreamHeaders().all("X-Consumer-Groups")).containsExactly("users, admin");
    Outcome bob = as("bob-key");
    assertThat(bob.status()).isEqualTo(403);
    assertThat(bob.verdict().message()).isEqualTo("You cannot consume this service");
    assertThat(as("carol-key").status()).isEqualTo(403);
  }

  @Test
  void denyBlocksMembers() {
    gw.plugin("acl", Map.of("deny", List.of("admin")), Map.of("service", "llm"));
    assertThat(as("alice-key").status()).isEqualTo(403);
    assertThat(as("bob-key").exchange().upstreamHeaders().first("X-Consumer-Groups")).isEqualTo("users");
    Outcome carol = as("carol-key");
    assertThat(carol.proceeded()).isTrue();
    assertThat(carol.exchange().upstreamHeaders().first("X-Consumer-Groups")).isEmpty();
  }

  @Test
  void hideGroupsHeaderAlsoDropsTheClientsOwn() {
    gw.plugin("acl", Map.of("allow", List.of("users"), "hide_groups_header", true), Map.of("service", "llm"));
    Outcome o = as("bob-key");
    assertThat(o.proceeded()).isTrue();
    assertThat(o.exchange().upstreamHeaders().contains("X-Consumer-Groups")).isFalse();
  }

  @Test
  void withoutAConsumerItIs401() {
    gw.remove(gw.registry().entityTypes().plugins(),
        gw.configuration().rows(gw.registry().entityTypes().plugins()).iterator().next().uuid("id"));
    gw.plugin("acl", Map.of("allow", List.of("users")), Map.of("service", "llm"));
    Outcome o = as(null);
    assertThat(o.status()).isEqualTo(401);
    assertThat(o.verdict().message()).isEqualTo("Unauthorized");
  }

  @Test
  void anonymousConsumerIsJudgedByItsGroups() {
    gw.consumer("guest");
    gw.acl("guest", "guests");
    gw.remove(gw.registry().entityTypes().plugins(),
        gw.configuration().rows(gw.registry().entityTypes().plugins()).iterator().next().uuid("id"));
    gw.plugin("key-auth", Map.of("anonymous", "guest"), Map.of("service", "llm"));
    gw.plugin("acl", Map.of("allow", List.of("users")), Map.of("service", "llm"));
    assertThat(as(null).status()).isEqualTo(403);
    assertThat(as("bob-key").proceeded()).isTrue();
  }

  @Test
  void groupsFollowConfigChanges() {
    gw.plugin("acl", Map.of("allow", List.of("admin")), Map.of("service", "llm"));
    assertThat(as("bob-key").status()).isEqualTo(403);
    gw.acl("bob", "admin");
    assertThat(as("bob-key").proceeded()).isTrue();
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
