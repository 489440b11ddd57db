package dev.llmgateway.undertow.internal.plugins;

import static dev.llmgateway.undertow.internal.plugins.StackGateway.ADMIN_KEY;
import static dev.llmgateway.undertow.internal.plugins.StackGateway.json;
import static dev.llmgateway.undertow.internal.plugins.StackGateway.upstreamHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.defaults.AdminApiStack;
import dev.llmgateway.internal.defaults.StackSettings;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The default stack's admin-api route through a real gateway: which keys open it, what its upstream receives, and
 * that re-asserting the stack with a new key restores it. The route's service is pointed at an echo stub here so
 * that what key-auth and acl leave of the request can be seen. Moved from gateway-core's DefaultStackTest, which
 * ran the access phase over the hand-written TestExchange.
 */
class DefaultStackProxyTest {
  private StackGateway gw;

  @BeforeEach
  void start() throws Exception {
    gw = StackGateway.start(Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    gw.close();
  }

  private HttpResponse<String> admin(String target, String... headers) {
    return gw.proxy("GET", target, null, headers);
  }

  @SuppressWarnings("unchecked")
  private String pluginId(String name) {
    List<Map<String, Object>> data = (List<Map<String, Object>>) json(gw.admin("GET",
        "/services/admin-api-service/plugins", null)).get("data");
    return data.stream().filter(p -> name.equals(p.get("name"))).map(p -> (String) p.get("id")).findFirst()
        .orElseThrow();
  }

  @Test
  void onlyTheAdminKeyOpensTheAdminRoute() {
    assertThat(gw.adminForm("PATCH", "/services/admin-api-service", "url=" + gw.vllm.url()).statusCode())
        .isEqualTo(200);
    assertThat(gw.adminForm("POST", "/consumers", "username=my-app").statusCode()).isEqualTo(201);
    assertThat(gw.adminForm("POST", "/consumers/my-app/key-auth", "key=my-app-secret-key").statusCode())
        .isEqualTo(201);
    HttpResponse<String> query = admin("/admin-api/services?apikey=" + ADMIN_KEY);
    assertThat(query.statusCode()).isEqualTo(200);
    assertThat(json(query).get("query")).isNull(); // hide_credentials: the key left the query
    HttpResponse<String> bearer = admin("/admin-api/services", "Authorization", "Bearer " + ADMIN_KEY);
    assertThat(bearer.statusCode()).isEqualTo(200);
    assertThat(upstreamHeaders(bearer)).doesNotContainKey("authorization");
    HttpResponse<String> header = admin("/admin-api/services", "apikey", ADMIN_KEY);
    assertThat(upstreamHeaders(header)).doesNotContainKey("apikey");
    assertThat(upstreamHeaders(header)).containsEntry("x-consumer-groups", List.of("admin"));
    assertThat(admin("/admin-api/services", "apikey", "my-app-secret-key").statusCode()).isEqualTo(403);
    assertThat(admin("/admin-api/services").statusCode()).isEqualTo(401);
    assertThat(admin("/admin-api/services", "apikey", "").statusCode()).isEqualTo(401);
    assertThat(gw.proxy("GET", "/v1/vllm/v1/models", null).statusCode()).isEqualTo(200);
  }

  @Test
  void reassertRestoresTheAdminRouteWithTheNewKey() throws Exception {
    // Tampered with: key-auth off with an anonymous consumer, acl gone, an extra key for the admin consumer.
    assertThat(gw.adminForm("POST", "/consumers", "username=guest").statusCode()).isEqualTo(201);
    assertThat(gw.adminForm("PATCH", "/plugins/" + pluginId("key-auth"), "enabled=false&config.anonymous=guest")
        .statusCode()).isEqualTo(200);
    assertThat(gw.admin("DELETE", "/plugins/" + pluginId("acl"), null).statusCode()).isEqualTo(204);
    assertThat(gw.adminForm("POST", "/consumers/admin/key-auth", "key=old-extra-key").statusCode()).isEqualTo(201);
    assertThat(admin("/admin-api").statusCode()).isEqualTo(200); // open to anyone now
    StackSettings s = gw.settings;
    AdminApiStack.reassertAtStart(gw.writer, new StackSettings(s.vllmUrl(), s.sglangUrl(), s.adminHost(),
        s.adminPort(), "admin-secret-2"), System::currentTimeMillis);
    assertThat(admin("/admin-api", "apikey", "admin-secret-2").statusCode()).isEqualTo(200);
    assertThat(admin("/admin-api").statusCode()).isEqualTo(401);
    assertThat(admin("/admin-api", "apikey", "old-extra-key").statusCode()).isEqualTo(401);
    assertThat(admin("/admin-api", "apikey", ADMIN_KEY).statusCode()).isEqualTo(401);
  }
}
