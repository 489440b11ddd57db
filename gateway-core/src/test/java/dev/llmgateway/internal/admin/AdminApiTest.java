package dev.llmgateway.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.config.EntityTypes;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.entity.Typedefs;
import dev.llmgateway.internal.pipeline.PluginStates;
import dev.llmgateway.schema.Schema;
import dev.llmgateway.internal.store.ConfigWriter;
import dev.llmgateway.internal.store.LuaText;
import dev.llmgateway.internal.store.MemoryConfigStore;
import java.nio.charset.StandardCharsets;
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
    writer = ConfigWriter.start(new MemoryConfigStore(), TestPlugins.registry(), new PluginStates());
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
    RouteTable table = RouteTable.of(TestPlugins.registry().entityTypes());
    AdminRoute nested = table.resolve(List.of("consumers", "c", "key-auth"));
    assertThat(nested.kind()).isEqualTo(AdminRoute.Kind.NESTED_COLLECTION);
    assertThat(nested.type()).isEqualTo(TestPlugins.CREDENTIALS);
    assertThat(nested.parentKey()).isEqualTo("c");
    assertThat(nested.collectionPath()).isEqualTo("/consumers/c/key-auth");
    AdminRoute child = table.resolve(List.of("services", "s", "routes", "r"));
    assertThat(child.kind()).isEqualTo(AdminRoute.Kind.NESTED_ENTITY);
    assertThat(List.of(child.parentKey(), child.key(), child.fkField())).containsExactly("s", "r", "service");
    assertThat(table.resolve(List.of("key-auths", "k", "consumer")).kind()).isEqualTo(AdminRoute.Kind.PARENT_OF);
    assertThat(table.resolve(List.of("targets"))).isNull();
    assertThat(table.resolve(List.of("services", "s", "nothing"))).isNull();
    assertThat(table.resolve(List.of("services", "s", "routes", "r", "more"))).isNull();
  }

  @Test
  void theTemplateWithFewestPlaceholdersWinsLikeKongsRouter() {
    RouteTable table = RouteTable.of(TestPlugins.registry().entityTypes());
    assertThat(table.resolve(List.of("plugins", "enabled")).kind()).isEqualTo(AdminRoute.Kind.PLUGINS_ENABLED);
    assertThat(table.resolve(List.of("plugins", "p1")).kind()).isEqualTo(AdminRoute.Kind.ENTITY);
    assertThat(table.resolve(List.of("schemas", "plugins", "validate")).kind())
        .isEqualTo(AdminRoute.Kind.PLUGIN_SCHEMA_VALIDATE);
    AdminRoute pluginSchema = table.resolve(List.of("schemas", "plugins", "key-auth"));
    assertThat(pluginSchema.kind()).isEqualTo(AdminRoute.Kind.PLUGIN_SCHEMA);
    assertThat(pluginSchema.name()).isEqualTo("key-auth");
    AdminRoute validate = table.resolve(List.of("schemas", "routes", "validate"));
    assertThat(validate.kind()).isEqualTo(AdminRoute.Kind.SCHEMA_VALIDATE);
    assertThat(validate.name()).isEqualTo("routes");
    assertThat(table.resolve(List.of("schemas", "plugins")).kind()).isEqualTo(AdminRoute.Kind.SCHEMA);
    AdminRoute all = table.resolve(List.of("upstreams", "u", "targets", "all"));
    assertThat(all.kind()).isEqualTo(AdminRoute.Kind.TARGETS_ALL);
    assertThat(all.collectionPath()).isEqualTo("/upstreams/u/targets/all");
    assertThat(table.resolve(List.of("upstreams", "u", "targets", "a.test:80")).kind())
        .isEqualTo(AdminRoute.Kind.NESTED_ENTITY);
  }

  @Test
  void allTargetsOfAnUpstreamIsAListThatOnlyAnswersGet() throws Exception {
    call("POST", "/upstreams", "application/json", "{\"name\":\"u\"}");
    call("POST", "/upstreams/u/targets", "application/json", "{\"target\":\"a.test:80\"}");
    call("POST", "/upstreams/u/targets", "application/json", "{\"target\":\"b.test:80\"}");
    AdminResponse first = call("GET", "/upstreams/u/targets/all?size=1", null, null);
    assertThat(first.status()).isEqualTo(200);
    String offset = (String) dev.llmgateway.internal.json.Json.parseObject(first.bodyText()).get("offset");
    assertThat(first.bodyText()).contains("\"next\":\"/upstreams/u/targets/all?offset=" + Pager.escape(offset) + "\"");
    AdminResponse put = call("PUT", "/upstreams/u/targets/all", "application/json", "{\"target\":\"c.test:80\"}");
    assertThat(put.status()).isEqualTo(405);
    assertThat(put.bodyText()).isEqualTo("{\"message\":\"Method not allowed\"}");
    assertThat(call("OPTIONS", "/upstreams/u/targets/all", null, null).header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
  }

  @Test
  void endpointsListsTheServedPathsInKongsSpellingAndOrder() throws Exception {
    AdminResponse r = call("GET", "/endpoints", null, null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).isEqualTo("{\"data\":[\"/\",\"/config\",\"/consumers\",\"/consumers/{consumers}\","
        + "\"/consumers/{consumers}/key-auth\",\"/consumers/{consumers}/key-auth/{keyauth_credentials}\","
        + "\"/consumers/{consumers}/plugins\",\"/consumers/{consumers}/plugins/{plugins}\",\"/endpoints\","
        + "\"/key-auths\",\"/key-auths/{keyauth_credentials}\",\"/key-auths/{keyauth_credentials}/consumer\","
        + "\"/plugins\",\"/plugins/enabled\",\"/plugins/{plugins}\",\"/plugins/{plugins}/consumer\","
        + "\"/plugins/{plugins}/route\",\"/plugins/{plugins}/service\",\"/routes\",\"/routes/{routes}\","
        + "\"/routes/{routes}/plugins\",\"/routes/{routes}/plugins/{plugins}\",\"/routes/{routes}/service\","
        + "\"/schemas/plugins/validate\",\"/schemas/plugins/{name}\",\"/schemas/{db_entity_name}/validate\","
        + "\"/schemas/{name}\",\"/services\",\"/services/{services}\",\"/services/{services}/plugins\","
        + "\"/services/{services}/plugins/{plugins}\",\"/services/{services}/routes\","
        + "\"/services/{services}/routes/{routes}\",\"/status\",\"/tags\",\"/tags/{tags}\",\"/upstreams\","
        + "\"/upstreams/{upstreams}\",\"/upstreams/{upstreams}/health\",\"/upstreams/{upstreams}/targets\","
        + "\"/upstreams/{upstreams}/targets/all\",\"/upstreams/{upstreams}/targets/{targets}\","
        + "\"/upstreams/{upstreams}/targets/{targets}/healthy\",\"/upstreams/{upstreams}/targets/{targets}/unhealthy\","
        + "\"/upstreams/{upstreams}/targets/{targets}/{address}/healthy\","
        + "\"/upstreams/{upstreams}/targets/{targets}/{address}/unhealthy\"]}");
    assertThat(call("POST", "/endpoints", "application/json", "{}").status()).isEqualTo(405);
  }

  @Test
  void everyListedPathIsServedAndNothingElseIs() {
    RouteTable table = RouteTable.of(TestPlugins.registry().entityTypes());
    for (String path : table.paths()) {
      List<String> segments = PathSegments.of(path.replaceAll("\\{[^}]+}", "x1"));
      assertThat(table.resolve(segments)).as(path).isNotNull();
    }
    assertThat(table.paths()).doesNotContain("/targets", "/timers", "/cache");
    assertThat(table.resolve(List.of("timers"))).isNull();
  }

  @Test
  void endpointsOrderPutsAPathsSubPathsRightAfterIt() {
    // Kong sorts with "/" as the lowest byte; in plain string order "/plugins-notes" would come before
    // "/plugins/enabled", since '-' sorts before '/'
    EntityType notes = EntityType.builder("plugin_notes", Schema.of("plugin_notes", Typedefs.id()))
        .adminPath("plugins-notes").build();
    EntityTypes types = EntityTypes.of(TestPlugins.registry().entityTypes().plugins(), List.of(notes));
    List<String> paths = RouteTable.of(types).paths();
    assertThat(paths.indexOf("/plugins-notes")).isEqualTo(paths.indexOf("/plugins/{plugins}/service") + 1);
    assertThat(paths.indexOf("/plugins-notes/{plugin_notes}")).isEqualTo(paths.indexOf("/plugins-notes") + 1);
    assertThat("/plugins-notes").isLessThan("/plugins/enabled");
  }

  @Test
  void aPathKeyThatIsNotUtf8IsKongsInvalidUniqueNotANotFound() throws Exception {
    AdminResponse r = call("GET", "/services/%FF", null, null);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyText()).isEqualTo("{\"code\":10,\"name\":\"invalid unique name\","
        + "\"message\":\"invalid utf-8 character sequence detected at position 1\"}");
    assertThat(call("GET", "/services/caf%C3%A9", null, null).status()).isEqualTo(404);
  }

  @Test
  void kongsLuaTableRendering() {
    assertThat(LuaText.of(Map.of("name", "x", "route", java.util.Collections.singletonMap("id", "1"))))
        .isEqualTo("{name=\"x\",route={id=\"1\"}}");
    assertThat(LuaText.of(java.util.Arrays.asList(null, "b"))).isEqualTo("{[2]=\"b\"}");
    assertThat(LuaText.of(Map.of("@entity", List.of("m")))).isEqualTo("{[\"@entity\"]={\"m\"}}");
  }
}
