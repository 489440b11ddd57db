package dev.llmgateway.undertow.internal.plugins;

import static dev.llmgateway.undertow.internal.plugins.StackGateway.json;
import static dev.llmgateway.undertow.internal.plugins.StackGateway.upstreamHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** acl through a real gateway, groups managed with {@code /consumers/{c}/acls}. */
class AclProxyTest {
  private static StackGateway gw;

  @BeforeAll
  static void start() throws Exception {
    gw = StackGateway.start(Clock.systemUTC());
    for (String user : List.of("ann", "ben")) {
      gw.adminForm("POST", "/consumers", "username=" + user);
      gw.adminForm("POST", "/consumers/" + user + "/key-auth", "key=" + user + "-key");
    }
    gw.adminForm("POST", "/consumers/ann/acls", "group=gold");
    gw.adminForm("POST", "/consumers/ann/acls", "group=silver");
    gw.adminForm("POST", "/consumers/ben/acls", "group=silver");
    for (String s : List.of("allowed", "denied", "hidden", "noauth")) {
      gw.adminForm("POST", "/services", "name=" + s + "&url=" + gw.vllm.url());
      gw.adminForm("POST", "/services/" + s + "/routes", "paths[]=/" + s);
      if (!s.equals("noauth")) {
        gw.adminForm("POST", "/services/" + s + "/plugins", "name=key-auth");
      }
    }
    gw.adminForm("POST", "/services/allowed/plugins", "name=acl&config.allow=gold");
    gw.adminForm("POST", "/services/denied/plugins", "name=acl&config.deny=gold");
    gw.adminForm("POST", "/services/hidden/plugins", "name=acl&config.allow=silver&config.hide_groups_header=true");
    gw.adminForm("POST", "/services/noauth/plugins", "name=acl&config.allow=gold");
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @Test
  void allowList() {
    HttpResponse<String> ann = gw.proxy("GET", "/allowed/x", null, "apikey", "ann-key", "X-Consumer-Groups", "x");
    assertThat(ann.statusCode()).isEqualTo(200);
    assertThat(upstreamHeaders(ann)).containsEntry("x-consumer-groups", List.of("gold, silver"));
    HttpResponse<String> ben = gw.proxy("GET", "/allowed/x", null, "apikey", "ben-key");
    assertThat(ben.statusCode()).isEqualTo(403);
    assertThat(json(ben)).containsEntry("message", "You cannot consume this service");
  }

  @Test
  void denyList() {
    assertThat(gw.proxy("GET", "/denied/x", null, "apikey", "ann-key").statusCode()).isEqualTo(403);
    assertThat(upstreamHeaders(gw.proxy("GET", "/denied/x", null, "apikey", "ben-key")))
        .containsEntry("x-consumer-groups", List.of("silver"));
  }

  @Test
  void hiddenGroupsHeaderAndNoSpoofing() {
    HttpResponse<String> r = gw.proxy("GET", "/hidden/x", null, "apikey", "ben-key", "X-Consumer-Groups", "gold");
    assertThat(upstreamHeaders(r)).doesNotContainKey("x-consumer-groups");
  }

  @Test
  void withoutAuthenticationIt401s() {
    HttpResponse<String> r = gw.proxy("GET", "/noauth/x", null, "X-Consumer-Groups", "gold");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(json(r)).containsEntry("message", "Unauthorized");
  }

  @Test
  void groupChangesApplyAtOnce() {
    gw.adminForm("POST", "/consumers/ben/acls", "group=gold");
    try {
      assertThat(gw.proxy("GET", "/allowed/x", null, "apikey", "ben-key").statusCode()).isEqualTo(200);
    } finally {
      gw.admin("DELETE", "/consumers/ben/acls/" + groupId("ben", "gold"), null);
    }
    assertThat(gw.proxy("GET", "/allowed/x", null, "apikey", "ben-key").statusCode()).isEqualTo(403);
  }

  private static String groupId(String user, String group) {
    for (Object o : (List<?>) json(gw.admin("GET", "/consumers/" + user + "/acls", null)).get("data")) {
      java.util.Map<?, ?> acl = (java.util.Map<?, ?>) o;
      if (group.equals(acl.get("group"))) {
        return (String) acl.get("id");
      }
    }
    throw new AssertionError("no group " + group);
  }
}
