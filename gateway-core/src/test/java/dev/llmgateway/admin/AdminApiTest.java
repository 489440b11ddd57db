package dev.llmgateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.plugin.RuntimeState;
import dev.llmgateway.store.ConfigWriter;
import dev.llmgateway.store.LuaText;
import dev.llmgateway.store.MemoryConfigStore;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Admin API without any server: requests in, responses out. */
class AdminApiTest {
  private ConfigWriter writer;
  private AdminApi api;

  @BeforeEach
  void start() throws Exception {
    writer = ConfigWriter.start(new MemoryConfigStore(), TestPlugins.registry(), new RuntimeState());
    api = AdminApi.builder(writer).clock(() -> 1_700_000_000_123L).build();
  }

  @AfterEach
  void stop() throws Exception {
    writer.close();
  }

  private AdminResponse call(String method, String path, String contentType, String body) throws Exception {
    Map<String, List<String>> headers = contentType == null ? Map.of() : Map.of("Content-Type", List.of(contentType));
    return api.handle(new AdminRequest(method, path.replaceFirst("\\?.*", ""),
        path.contains("?") ? path.substring(path.indexOf('?') + 1) : "", headers,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
  }

  @Test
  void writesAreStampedByTheInjectedClock() throws Exception {
    AdminResponse created = call("POST", "/services", "application/x-www-form-urlencoded", "name=s&host=s.test");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.bodyText()).contains("\"created_at\":1700000000,\"updated_at\":1700000000");
    call("POST", "/upstreams", "application/json", "{\"name\":\"u\"}");
    assertThat(call("POST", "/upstreams/u/targets", "application/json", "{\"target\":\"a.test:80\"}").bodyText())
        .contains("\"created_at\":1700000000.123");
  }

  @Test
  void theResponseCarriesKongsHeadersAndTheBodyBytes() throws Exception {
    AdminResponse r = call("GET", "/services/", null, null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("content-type")).isEqualTo("application/json; charset=utf-8");
    assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(r.bodyText()).isEqualTo("{\"data\":[],\"next\":null}");
    AdminResponse deleted = call("DELETE", "/services/nothing", null, null);
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertThat(deleted.header("Content-Type")).isNull();
  }

  @Test
  void routesAreResolvedFromTheEntityTypes() {
    var types = TestPlugins.registry().entityTypes();
    assertThat(AdminRoute.resolve(List.of("consumers", "c", "key-auth"), types).kind())
        .isEqualTo(AdminRoute.Kind.NESTED_COLLECTION);
    assertThat(AdminRoute.resolve(List.of("key-auths", "k", "consumer"), types).kind())
        .isEqualTo(AdminRoute.Kind.PARENT_OF);
    assertThat(AdminRoute.resolve(List.of("plugins", "enabled"), types).kind())
        .isEqualTo(AdminRoute.Kind.PLUGINS_ENABLED);
    assertThat(AdminRoute.resolve(List.of("targets"), types)).isNull();
    assertThat(AdminRoute.resolve(List.of("services", "s", "nothing"), types)).isNull();
    assertThat(AdminRoute.segments("/consumers/a%40b.test/")).isEqualTo(Arrays.asList("consumers", "a@b.test"));
    assertThat(AdminRoute.segments("/a//b")).isNull();
  }

  @Test
  void kongsLuaTableRendering() {
    assertThat(LuaText.of(Map.of("name", "x", "route", java.util.Collections.singletonMap("id", "1"))))
        .isEqualTo("{name=\"x\",route={id=\"1\"}}");
    assertThat(LuaText.of(java.util.Arrays.asList(null, "b"))).isEqualTo("{[2]=\"b\"}");
    assertThat(LuaText.of(Map.of("@entity", List.of("m")))).isEqualTo("{[\"@entity\"]={\"m\"}}");
  }
}
