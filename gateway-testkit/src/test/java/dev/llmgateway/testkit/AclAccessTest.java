package dev.llmgateway.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.undertow.embed.PluginScope;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * acl after key-auth through a real gateway: allow and deny by group, the groups header the upstream receives
 * (the client's own never passes), anonymous consumers, group changes. Moved from gateway-core's test against the
 * hand-written TestExchange; acl's schema and entity tests stay there.
 */
class AclAccessTest {
  @RegisterExtension
  final GatewayExtension gw = GatewayExtension.withPlugins();

  /** key-auth on {@code /v1}; alice (users, admin), bob (users), carol (no group), each with a key. */
  private String setUp() {
    String route = gw.route("/v1", "key-auth", Map.of());
    gw.entities().apply(tx -> {
      for (String name : List.of("alice", "bob", "carol")) {
        tx.addConsumer(name);
        tx.addKey(name, name + "-key");
      }
      acl(tx, "alice", "users");
      acl(tx, "alice", "admin");
      return acl(tx, "bob", "users");
    });
    return route;
  }

  private static Object acl(dev.llmgateway.undertow.embed.EntityEditor tx, String consumer, String group) {
    return tx.create("acls", Map.of("consumer", Map.of("username", consumer), "group", group));
  }

  private void acl(String route, Map<String, Object> config) {
    gw.entities().apply(tx -> tx.addPlugin("acl", PluginScope.route(route), config));
  }

  /** A request to {@code /v1} with the client's own {@code X-Consumer-Groups: admin} and this key (or none). */
  private HttpResponse<String> as(String key) throws Exception {
    return key == null ? gw.get("/v1", "X-Consumer-Groups", "admin")
        : gw.get("/v1", "X-Consumer-Groups", "admin", "apikey", key);
  }

  private List<String> upstreamGroups() {
    return gw.upstream().last().headers("X-Consumer-Groups");
  }

  private static String message(HttpResponse<String> r) {
    return (String) Json.parseObject(r.body()).get("message");
  }

  @Test
  void allowLetsMembersThroughWithTheirGroups() throws Exception {
    acl(setUp(), Map.of("allow", List.of("admin")));
    assertThat(as("alice-key").statusCode()).isEqualTo(200);
    assertThat(upstreamGroups()).containsExactly("users, admin");
    HttpResponse<String> bob = as("bob-key");
    assertThat(bob.statusCode()).isEqualTo(403);
    assertThat(message(bob)).isEqualTo("You cannot consume this service");
    assertThat(as("carol-key").statusCode()).isEqualTo(403);
    assertThat(gw.upstream().count()).isOne();
  }

  @Test
  void denyBlocksMembers() throws Exception {
    acl(setUp(), Map.of("deny", List.of("admin")));
    assertThat(as("alice-key").statusCode()).isEqualTo(403);
    assertThat(as("bob-key").statusCode()).isEqualTo(200);
    assertThat(upstreamGroups()).containsExactly("users");
    assertThat(as("carol-key").statusCode()).isEqualTo(200);
    assertThat(upstreamGroups()).containsExactly(""); // no groups: the header is sent empty, the client's is gone
  }

  @Test
  void hideGroupsHeaderAlsoDropsTheClientsOwn() throws Exception {
    acl(setUp(), Map.of("allow", List.of("users"), "hide_groups_header", true));
    assertThat(as("bob-key").statusCode()).isEqualTo(200);
    assertThat(upstreamGroups()).isEmpty();
  }

  @Test
  void withoutAConsumerItIs401() throws Exception {
    String route = gw.route("/v1");
    acl(route, Map.of("allow", List.of("users")));
    HttpResponse<String> r = as(null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(message(r)).isEqualTo("Unauthorized");
  }

  @Test
  void anonymousConsumerIsJudgedByItsGroups() throws Exception {
    gw.entities().apply(tx -> {
      tx.addConsumer("guest");
      acl(tx, "guest", "guests");
      tx.addConsumer("bob");
      tx.addKey("bob", "bob-key");
      return acl(tx, "bob", "users");
    });
    String route = gw.route("/v1", "key-auth", Map.of("anonymous", "guest"));
    acl(route, Map.of("allow", List.of("users")));
    assertThat(as(null).statusCode()).isEqualTo(403);
    assertThat(as("bob-key").statusCode()).isEqualTo(200);
  }

  @Test
  void groupsFollowConfigChanges() throws Exception {
    acl(setUp(), Map.of("allow", List.of("admin")));
    assertThat(as("bob-key").statusCode()).isEqualTo(403);
    gw.entities().apply(tx -> acl(tx, "bob", "admin"));
    assertThat(as("bob-key").statusCode()).isEqualTo(200);
  }
}
