package dev.llmgateway.undertow.internal.plugins;

import static dev.llmgateway.undertow.internal.plugins.StackGateway.upstreamHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kong's precedence end to end: one plugin instance per name runs, the most specific wins (consumer-scoped
 * above route above service above global), and consumer-scoped limits are picked after key-auth ran.
 */
class ScopePrecedenceProxyTest {
  private static StackGateway gw;

  @BeforeAll
  static void start() throws Exception {
    gw = StackGateway.start(Clock.systemUTC());
    gw.adminForm("POST", "/services", "name=a&url=" + gw.vllm.url());
    gw.adminForm("POST", "/services/a/routes", "name=a1&paths[]=/a1");
    gw.adminForm("POST", "/services/a/routes", "name=a2&paths[]=/a2");
    gw.adminForm("POST", "/services", "name=b&url=" + gw.vllm.url());
    gw.adminForm("POST", "/services/b/routes", "name=b1&paths[]=/b1");
    gw.adminForm("POST", "/plugins", "name=rate-limiting&config.minute=1000&config.limit_by=ip");
    gw.adminForm("POST", "/services/a/plugins", "name=rate-limiting&config.minute=500&config.limit_by=ip");
    gw.adminForm("POST", "/routes/a1/plugins", "name=rate-limiting&config.minute=200&config.limit_by=ip");
    gw.adminForm("POST", "/services/a/plugins", "name=key-auth&config.anonymous=guest");
    gw.adminForm("POST", "/routes/a2/plugins", "name=key-auth&config.hide_credentials=true");
    gw.adminForm("POST", "/consumers", "username=guest");
    gw.adminForm("POST", "/consumers", "username=alice");
    gw.adminForm("POST", "/consumers/alice/key-auth", "key=alice-key");
    gw.adminForm("POST", "/consumers/alice/plugins", "name=rate-limiting&config.minute=7");
    gw.adminForm("POST", "/plugins", "name=rate-limiting&config.minute=3&consumer.username=alice&route.name=a2");
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  private static String limit(HttpResponse<String> r) {
    return r.headers().firstValue("X-RateLimit-Limit-Minute").orElse(null);
  }

  @Test
  void routeBeatsServiceBeatsGlobal() {
    assertThat(limit(gw.proxy("GET", "/a1/x", null))).isEqualTo("200");
    assertThat(limit(gw.proxy("GET", "/b1/x", null))).isEqualTo("1000");
    assertThat(limit(gw.proxy("GET", "/v1/vllm/v1/models", null))).isEqualTo("1000");
  }

  @Test
  void consumerScopeBeatsRouteAfterAuthentication() {
    assertThat(limit(gw.proxy("GET", "/a1/x", null, "apikey", "alice-key"))).isEqualTo("7");
    // The anonymous consumer has no consumer-scoped limit: the route's applies.
    assertThat(limit(gw.proxy("GET", "/a1/x", null))).isEqualTo("200");
  }

  @Test
  void routeAndConsumerBeatsConsumerAlone() {
    assertThat(limit(gw.proxy("GET", "/a2/x", null, "apikey", "alice-key"))).isEqualTo("3");
  }

  @Test
  void aRouteKeyAuthReplacesTheServiceOne() {
    // a2's own key-auth has no anonymous: without a key it refuses, and it hides the key.
    assertThat(gw.proxy("GET", "/a2/x", null).statusCode()).isEqualTo(401);
    HttpResponse<String> a2 = gw.proxy("GET", "/a2/x", null, "apikey", "alice-key");
    assertThat(upstreamHeaders(a2)).doesNotContainKey("apikey");
    HttpResponse<String> a1 = gw.proxy("GET", "/a1/x", null, "apikey", "alice-key");
    assertThat(upstreamHeaders(a1)).containsKey("apikey");
    assertThat(upstreamHeaders(gw.proxy("GET", "/a1/x", null))).containsKey("x-anonymous-consumer");
  }
}
