package dev.llmgateway.undertow.internal.plugins;

import static dev.llmgateway.undertow.internal.plugins.StackGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.plugins.iprestriction.IpRestrictionType;
import dev.llmgateway.undertow.embed.AccessLogOptions;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ip-restriction through a real gateway on 127.0.0.1: allow, deny, status and message, each scope. The client
 * address is the TCP peer (Kong's default, with no trusted_ips), so X-Forwarded-For cannot talk past it.
 */
class IpRestrictionProxyTest {
  private static StackGateway gw;

  @BeforeAll
  static void start() throws Exception {
    gw = StackGateway.start(Clock.systemUTC(), AccessLogOptions.off(), List.of(new IpRestrictionType()));
    gw.adminForm("POST", "/services", "name=ipr&url=" + gw.vllm.url());
    for (String r : List.of("allowed", "elsewhere", "denied", "custom", "v6", "bare")) {
      gw.adminForm("POST", "/services/ipr/routes", "name=ipr-" + r + "&paths[]=/ipr-" + r);
    }
    gw.adminForm("POST", "/routes/ipr-allowed/plugins", "name=ip-restriction&config.allow[]=127.0.0.0/8");
    gw.adminForm("POST", "/routes/ipr-elsewhere/plugins", "name=ip-restriction&config.allow[]=10.0.0.0/8");
    gw.adminForm("POST", "/routes/ipr-denied/plugins",
        "name=ip-restriction&config.allow[]=127.0.0.0/8&config.deny[]=127.0.0.1");
    gw.adminForm("POST", "/routes/ipr-custom/plugins",
        "name=ip-restriction&config.deny[]=127.0.0.1/32&config.status=429&config.message=Not+from+here");
    gw.adminForm("POST", "/routes/ipr-v6/plugins", "name=ip-restriction&config.deny[]=::1/128&config.deny[]=::/0");
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @Test
  void allowList() {
    assertThat(gw.proxy("GET", "/ipr-allowed/x", null).statusCode()).isEqualTo(200);
    HttpResponse<String> r = gw.proxy("GET", "/ipr-elsewhere/x", null, "X-Forwarded-For", "10.1.1.1");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(json(r)).containsEntry("message", "IP address not allowed: 127.0.0.1").containsKey("request_id");
  }

  @Test
  void denyWinsOverAllow() {
    HttpResponse<String> r = gw.proxy("GET", "/ipr-denied/x", null);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(json(r)).containsEntry("message", "IP address not allowed: 127.0.0.1");
  }

  @Test
  void statusAndMessage() {
    HttpResponse<String> r = gw.proxy("GET", "/ipr-custom/x", null, "Accept", "application/json");
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(json(r)).containsEntry("message", "Not from here");
  }

  @Test
  void ipv6RangesDoNotMatchAnIpv4Client() {
    assertThat(gw.proxy("GET", "/ipr-v6/x", null).statusCode()).isEqualTo(200);
  }

  @Test
  void serviceConsumerAndGlobalScopes() {
    gw.adminForm("POST", "/services", "name=ipr2&url=" + gw.vllm.url());
    gw.adminForm("POST", "/services/ipr2/routes", "name=ipr2-open&paths[]=/ipr2-open");
    gw.adminForm("POST", "/services/ipr2/routes", "name=ipr2-keyed&paths[]=/ipr2-keyed");
    gw.adminForm("POST", "/services/ipr2/plugins", "name=ip-restriction&config.deny[]=127.0.0.1");
    assertThat(gw.proxy("GET", "/ipr2-open/x", null).statusCode()).isEqualTo(403);

    gw.adminForm("POST", "/routes/ipr2-keyed/plugins", "name=key-auth");
    gw.adminForm("POST", "/consumers", "username=ipr-friend");
    gw.adminForm("POST", "/consumers/ipr-friend/key-auth", "key=friend-key");
    gw.adminForm("POST", "/consumers", "username=ipr-other");
    gw.adminForm("POST", "/consumers/ipr-other/key-auth", "key=other-key");
    // For this consumer a consumer-scoped plugin replaces the service's.
    gw.adminForm("POST", "/consumers/ipr-friend/plugins", "name=ip-restriction&config.allow[]=127.0.0.1");
    assertThat(gw.proxy("GET", "/ipr2-keyed/x", null, "apikey", "friend-key").statusCode()).isEqualTo(200);
    assertThat(gw.proxy("GET", "/ipr2-keyed/x", null, "apikey", "other-key").statusCode()).isEqualTo(403);

    HttpResponse<String> global = gw.admin("POST", "/plugins", "name=ip-restriction&config.deny[]=0.0.0.0/0",
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(global.statusCode()).isEqualTo(201);
    try {
      assertThat(gw.proxy("GET", "/ipr-bare/x", null).statusCode()).isEqualTo(403);
      assertThat(gw.proxy("GET", "/ipr-allowed/x", null).statusCode()).isEqualTo(200); // the route's own wins
    } finally {
      gw.admin("DELETE", "/plugins/" + json(global).get("id"), null);
    }
    assertThat(gw.proxy("GET", "/ipr-bare/x", null).statusCode()).isEqualTo(200);
  }

  @Test
  void badConfigIsRefusedWithKongsErrors() {
    HttpResponse<String> none = gw.admin("POST", "/routes/ipr-bare/plugins", "{\"name\":\"ip-restriction\"}",
        "Content-Type", "application/json");
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(json(none)).containsEntry("fields", Map.of("@entity",
        List.of("at least one of these fields must be non-empty: 'config.allow', 'config.deny'")));
    HttpResponse<String> bad = gw.admin("POST", "/routes/ipr-bare/plugins",
        "{\"name\":\"ip-restriction\",\"config\":{\"allow\":[\"300.1.1.1\"]}}", "Content-Type", "application/json");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad)).containsEntry("fields",
        Map.of("config", Map.of("allow", List.of("invalid ip or cidr range: '300.1.1.1'"))));
  }
}
