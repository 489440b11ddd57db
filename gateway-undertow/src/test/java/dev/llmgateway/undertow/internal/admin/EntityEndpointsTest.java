package dev.llmgateway.undertow.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.llmgateway.Version;
import dev.llmgateway.internal.config.ConfigSnapshot;
import dev.llmgateway.entity.Route;
import dev.llmgateway.internal.json.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generic entity endpoints over real HTTP: methods, status codes and Kong's exact bodies. */
class EntityEndpointsTest {
  private AdminListener admin;

  @BeforeEach
  void start() throws Exception {
    admin = AdminListener.start();
  }

  @AfterEach
  void stop() throws Exception {
    admin.close();
  }

  private static Map<String, Object> body(HttpResponse<String> r) {
    return Json.parseObject(r.body());
  }

  private String create(String path, String json) {
    HttpResponse<String> r = admin.json("POST", path, json);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return (String) body(r).get("id");
  }

  @Test
  void createReadUpdateDeleteAService() {
    HttpResponse<String> created = admin.json("POST", "/services", "{\"name\":\"svc\",\"host\":\"svc.test\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    Map<String, Object> service = body(created);
    assertThat(service).containsEntry("name", "svc").containsEntry("port", 80L).containsEntry("protocol", "http")
        .containsEntry("path", null).containsEntry("retries", 5L).containsEntry("tags", null)
        .containsEntry("enabled", true).containsKeys("id", "created_at", "updated_at");
    assertThat(service.get("created_at")).isInstanceOf(Long.class);
    String id = (String) service.get("id");
    assertThat(admin.get("/services/" + id).body()).isEqualTo(created.body());
    assertThat(admin.get("/services/svc").body()).isEqualTo(created.body());
    HttpResponse<String> patched = admin.form("PATCH", "/services/svc", "retries=6");
    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(body(patched)).containsEntry("retries", 6L).containsEntry("id", id);
    assertThat(admin.delete("/services/svc").statusCode()).isEqualTo(204);
    assertThat(admin.delete("/services/svc").statusCode()).isEqualTo(204);
    HttpResponse<String> missing = admin.get("/services/" + id);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).isEqualTo("{\"message\":\"Not found\"}");
  }

  @Test
  void adminResponseHeadersAreKongs() {
    HttpResponse<String> r = admin.get("/services");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(r.headers().firstValue("Server")).hasValue(Version.PRODUCT);
    assertThat(r.headers().firstValue("X-Kong-Admin-Latency")).hasValueSatisfying(v -> assertThat(v).matches("\\d+"));
    assertThat(r.body()).isEqualTo("{\"data\":[],\"next\":null}");
  }

  @Test
  void unknownPathsAndMethods() {
    assertThat(admin.get("/nope").body()).isEqualTo("{\"message\":\"Not found\"}");
    assertThat(admin.get("/nope").statusCode()).isEqualTo(404);
    assertThat(admin.get("/services/a/b/c/d").statusCode()).isEqualTo(404);
    assertThat(admin.get("/targets").statusCode()).isEqualTo(404);
    assertThat(admin.get("/services//x").statusCode()).isEqualTo(404);
    HttpResponse<String> notAllowed = admin.form("PATCH", "/services", "a=b");
    assertThat(notAllowed.statusCode()).isEqualTo(405);
    assertThat(notAllowed.body()).isEqualTo("{\"message\":\"Method not allowed\"}");
    assertThat(admin.form("POST", "/services/x", "host=x").statusCode()).isEqualTo(405);
    assertThat(admin.send("BREW", "/services", null, null).statusCode()).isEqualTo(405);
  }

  @Test
  void trailingSlashIsTolerated() {
    assertThat(admin.form("POST", "/consumers/", "username=luka").statusCode()).isEqualTo(201);
    assertThat(admin.get("/consumers/luka/").statusCode()).isEqualTo(200);
    assertThat(admin.get("/consumers/").body()).contains("\"username\":\"luka\"");
  }

  @Test
  void optionsListsTheMethodsAndHeadMirrorsGet() {
    HttpResponse<String> collection = admin.send(admin.request("/services").method("OPTIONS",
        HttpRequest.BodyPublishers.noBody()));
    assertThat(collection.statusCode()).isEqualTo(204);
    assertThat(collection.headers().firstValue("Allow")).hasValue("GET, HEAD, OPTIONS, POST");
    assertThat(collection.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, HEAD, OPTIONS, POST");
    assertThat(collection.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Content-Type");
    HttpResponse<String> entity = admin.send(admin.request("/services/x").method("OPTIONS",
        HttpRequest.BodyPublishers.noBody()));
    assertThat(entity.headers().firstValue("Allow")).hasValue("DELETE, GET, HEAD, OPTIONS, PATCH, PUT");
    create("/services", "{\"name\":\"h\",\"host\":\"h.test\"}");
    HttpResponse<String> get = admin.get("/services/h");
    HttpResponse<String> head = admin.send(admin.request("/services/h").method("HEAD",
        HttpRequest.BodyPublishers.noBody()));
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("Content-Length"))
        .hasValue(String.valueOf(get.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
    assertThat(head.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
  }

  @Test
  void methodOverrideHeadersAreNotHonoured() {
    create("/services", "{\"name\":\"keep\",\"host\":\"k.test\"}");
    HttpResponse<String> r = admin.send(admin.request("/services/keep")
        .header("X-HTTP-Method-Override", "DELETE").POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(admin.get("/services/keep").statusCode()).isEqualTo(200);
  }

  @Test
  void uniqueViolationsAre409WithKongsBody() {
    create("/services", "{\"name\":\"a\",\"host\":\"a.test\"}");
    HttpResponse<String> again = admin.json("POST", "/services", "{\"name\":\"a\",\"host\":\"b.test\"}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).isEqualTo("{\"code\":5,\"name\":\"unique constraint violation\","
        + "\"message\":\"UNIQUE violation detected on '{name=\\\"a\\\"}'\",\"fields\":{\"name\":\"a\"}}");
    String service = create("/services", "{\"name\":\"s\",\"host\":\"s.test\"}");
    create("/services/s/plugins", "{\"name\":\"key-auth\"}");
    HttpResponse<String> twice = admin.form("POST", "/services/s/plugins", "name=key-auth");
    assertThat(twice.statusCode()).isEqualTo(409);
    assertThat(twice.body()).isEqualTo("{\"code\":5,\"name\":\"unique constraint violation\",\"message\":"
        + "\"UNIQUE violation detected on '{consumer=null,name=\\\"key-auth\\\",route=null,service={id=\\\""
        + service + "\\\"}}'\",\"fields\":{\"name\":\"key-auth\",\"route\":null,\"service\":{\"id\":\"" + service
        + "\"},\"consumer\":null}}");
    HttpResponse<String> sameId = admin.json("POST", "/consumers", "{\"id\":\"" + service + "\",\"username\":\"u\"}");
    assertThat(sameId.statusCode()).isEqualTo(201);
    HttpResponse<String> dupId = admin.json("POST", "/services", "{\"id\":\"" + service + "\",\"host\":\"x.test\"}");
    assertThat(dupId.statusCode()).isEqualTo(400);
    assertThat(dupId.body()).isEqualTo("{\"code\":3,\"name\":\"primary key violation\",\"message\":"
        + "\"primary key violation on key '{id=\\\"" + service + "\\\"}'\",\"fields\":{\"id\":\"" + service + "\"}}");
  }

  @Test
  void foreignKeysByIdAndByName() {
    String unknown = UUID.randomUUID().toString();
    HttpResponse<String> byId = admin.form("POST", "/routes", "paths[]=/x&service.id=" + unknown);
    assertThat(byId.statusCode()).isEqualTo(400);
    assertThat(byId.body()).isEqualTo("{\"code\":4,\"name\":\"foreign key violation\",\"message\":"
        + "\"the foreign key '{id=\\\"" + unknown + "\\\"}' does not reference an existing 'services' entity.\","
        + "\"fields\":{\"service\":{\"id\":\"" + unknown + "\"}}}");
    HttpResponse<String> byName = admin.form("POST", "/routes", "paths[]=/x&service.name=nope");
    assertThat(byName.statusCode()).isEqualTo(400);
    assertThat(byName.body()).isEqualTo("{\"code\":13,\"name\":\"foreign keys unresolved\",\"message\":"
        + "\"foreign key unresolved (service.name: the foreign key cannot be resolved with '{name=\\\"nope\\\"}' for"
        + " an existing 'services' entity)\",\"fields\":{\"service\":{\"name\":\"the foreign key cannot be resolved"
        + " with '{name=\\\"nope\\\"}' for an existing 'services' entity\"}}}");
    String service = create("/services", "{\"name\":\"real\",\"host\":\"r.test\"}");
    HttpResponse<String> ok = admin.form("POST", "/routes", "paths[]=/x&service.name=real");
    assertThat(ok.statusCode()).isEqualTo(201);
    assertThat(body(ok)).containsEntry("service", Map.of("id", service));
    HttpResponse<String> json = admin.json("POST", "/routes", "{\"paths\":[\"/y\"],\"service\":{\"name\":\"real\"}}");
    assertThat(body(json)).containsEntry("service", Map.of("id", service));
  }

  @Test
  void deletingAServiceWithRoutesIsRefusedAndChildrenCascade() {
    String service = create("/services", "{\"name\":\"s\",\"host\":\"s.test\"}");
    String route = create("/services/s/routes", "{\"paths\":[\"/s\"]}");
    create("/services/s/plugins", "{\"name\":\"key-auth\"}");
    create("/routes/" + route + "/plugins", "{\"name\":\"rate-limiting\",\"config\":{\"minute\":5}}");
    HttpResponse<String> refused = admin.delete("/services/s");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).isEqualTo("{\"code\":4,\"name\":\"foreign key violation\",\"message\":"
        + "\"an existing 'routes' entity references this 'services' entity\",\"fields\":{\"@referenced_by\":\"routes\"}}");
    assertThat(admin.delete("/routes/" + route).statusCode()).isEqualTo(204);
    assertThat(admin.get("/plugins").body()).contains("key-auth").doesNotContain("rate-limiting");
    assertThat(admin.delete("/services/" + service).statusCode()).isEqualTo(204);
    assertThat(admin.get("/plugins").body()).isEqualTo("{\"data\":[],\"next\":null}");
    String consumer = create("/consumers", "{\"username\":\"c\"}");
    create("/consumers/c/key-auth", "{\"key\":\"k1\"}");
    create("/consumers/c/plugins", "{\"name\":\"rate-limiting\",\"config\":{\"hour\":5}}");
    assertThat(admin.delete("/consumers/" + consumer).statusCode()).isEqualTo(204);
    assertThat(admin.get("/key-auths").body()).isEqualTo("{\"data\":[],\"next\":null}");
    assertThat(admin.get("/plugins").body()).isEqualTo("{\"data\":[],\"next\":null}");
  }

  @Test
  void targetsLiveUnderTheirUpstreamAndGoWithIt() {
    create("/upstreams", "{\"name\":\"pool\"}");
    create("/upstreams", "{\"name\":\"other\"}");
    String target = create("/upstreams/pool/targets", "{\"target\":\"10.0.0.1\"}");
    assertThat(body(admin.get("/upstreams/pool/targets/10.0.0.1:8000"))).containsEntry("id", target)
        .containsEntry("target", "10.0.0.1:8000").containsEntry("weight", 100L);
    assertThat(admin.get("/upstreams/other/targets/10.0.0.1:8000").statusCode()).isEqualTo(404);
    assertThat(admin.get("/upstreams/pool/targets/all").body()).contains(target);
    HttpResponse<String> dup = admin.form("POST", "/upstreams/pool/targets", "target=10.0.0.1:8000");
    assertThat(dup.statusCode()).isEqualTo(409);
    assertThat(admin.form("POST", "/upstreams/other/targets", "target=10.0.0.1:8000").statusCode()).isEqualTo(201);
    assertThat(admin.delete("/upstreams/pool").statusCode()).isEqualTo(204);
    assertThat(admin.get("/upstreams/other/targets").body()).doesNotContain(target).contains("10.0.0.1:8000");
    assertThat(admin.writer.live().current().configuration()
        .rows(admin.writer.registry().entityTypes().byName("targets"))).hasSize(1);
  }

  @Test
  void patchOfAMissingEntityIsKongsNotFound() {
    String id = UUID.randomUUID().toString();
    HttpResponse<String> byId = admin.form("PATCH", "/services/" + id, "retries=1");
    assertThat(byId.statusCode()).isEqualTo(404);
    assertThat(byId.body()).isEqualTo("{\"code\":6,\"name\":\"not found\",\"message\":"
        + "\"could not find the entity with primary key '{id=\\\"" + id + "\\\"}'\",\"fields\":{\"id\":\"" + id + "\"}}");
    HttpResponse<String> byName = admin.form("PATCH", "/services/ghost", "retries=1");
    assertThat(byName.body()).isEqualTo("{\"code\":6,\"name\":\"not found\",\"message\":"
        + "\"could not find the entity with '{name=\\\"ghost\\\"}'\",\"fields\":{\"name\":\"ghost\"}}");
  }

  @Test
  void putUpsertsAndReplacesWholly() {
    HttpResponse<String> created = admin.form("PUT", "/services/up", "host=one.test&retries=9");
    assertThat(created.statusCode()).isEqualTo(200);
    Map<String, Object> first = body(created);
    assertThat(first).containsEntry("name", "up").containsEntry("retries", 9L);
    HttpResponse<String> replaced = admin.json("PUT", "/services/up", "{\"host\":\"two.test\",\"name\":\"other\"}");
    assertThat(replaced.statusCode()).isEqualTo(200);
    assertThat(body(replaced)).containsEntry("id", first.get("id")).containsEntry("name", "up")
        .containsEntry("host", "two.test").containsEntry("retries", 5L)
        .containsEntry("created_at", first.get("created_at"));
    String id = UUID.randomUUID().toString();
    HttpResponse<String> byId = admin.json("PUT", "/services/" + id,
        "{\"host\":\"three.test\",\"id\":\"" + UUID.randomUUID() + "\"}");
    assertThat(body(byId)).containsEntry("id", id).containsEntry("name", null);
  }

  @Test
  void patchMergesRecordsDeeplyAndReplacesArrays() {
    String plugin = create("/plugins", "{\"name\":\"rate-limiting\",\"config\":{\"minute\":60},\"tags\":[\"a\",\"b\"]}");
    HttpResponse<String> patched = admin.form("PATCH", "/plugins/" + plugin, "config.hour=100&tags[]=c");
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    Map<String, Object> p = body(patched);
    assertThat(p.get("config")).asInstanceOf(MAP).containsEntry("minute", 60L).containsEntry("hour", 100L)
        .containsEntry("policy", "local");
    assertThat(p.get("tags")).isEqualTo(List.of("c"));
  }

  @Test
  void aBadUrlIsASchemaViolationNeverA500() {
    for (String url : List.of("foo", "", " ", "http://", "http://exa mple.test", "http://x.test:99999", "://x")) {
      HttpResponse<String> r = admin.json("POST", "/services", "{\"url\":" + Json.write(url) + "}");
      assertThat(r.statusCode()).as(url).isEqualTo(400);
      assertThat(body(r)).as(url).containsEntry("code", 2L).containsEntry("name", "schema violation");
      assertThat(body(r).get("fields")).asInstanceOf(MAP).as(url).isNotEmpty();
    }
    assertThat(admin.form("POST", "/services", "url=").statusCode()).isEqualTo(400);
    assertThat(admin.get("/services").body()).isEqualTo("{\"data\":[],\"next\":null}");
  }

  @Test
  void anEndpointKeyTheFieldWouldRefuseIsCode10() {
    HttpResponse<String> r = admin.get("/services/bad%20name");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"code\":10,\"name\":\"invalid unique name\",\"message\":\"invalid value "
        + "'bad name': the only accepted ascii characters are alphanumerics or ., -, _, and ~\"}");
  }

  @Test
  void nestedCollectionsAndEntitiesBelongToTheirParent() {
    String a = create("/services", "{\"name\":\"a\",\"host\":\"a.test\"}");
    String b = create("/services", "{\"name\":\"b\",\"host\":\"b.test\"}");
    String ra = create("/services/a/routes", "{\"name\":\"ra\",\"paths\":[\"/a\"]}");
    String rb = create("/services/" + b + "/routes", "{\"name\":\"rb\",\"paths\":[\"/b\"]}");
    assertThat(admin.get("/services/a/routes").body()).contains("\"ra\"").doesNotContain("\"rb\"");
    assertThat(admin.get("/services/a/routes/ra").statusCode()).isEqualTo(200);
    assertThat(admin.get("/services/a/routes/" + rb).statusCode()).isEqualTo(404);
    assertThat(admin.form("PATCH", "/services/a/routes/rb", "strip_path=false").statusCode()).isEqualTo(404);
    assertThat(admin.delete("/services/a/routes/rb").statusCode()).isEqualTo(404);
    HttpResponse<String> patched = admin.form("PATCH", "/services/a/routes/ra", "strip_path=false");
    assertThat(body(patched)).containsEntry("strip_path", false).containsEntry("service", Map.of("id", a));
    HttpResponse<String> moved = admin.json("PUT", "/services/a/routes/rb", "{\"paths\":[\"/moved\"]}");
    assertThat(moved.statusCode()).isEqualTo(200);
    assertThat(body(moved)).containsEntry("id", rb).containsEntry("service", Map.of("id", a));
    assertThat(admin.form("POST", "/services/missing/routes", "paths[]=/m").body())
        .isEqualTo("{\"message\":\"Not found\"}");
    assertThat(admin.get("/services/missing/routes").statusCode()).isEqualTo(404);
    assertThat(admin.delete("/services/a/routes/ra").statusCode()).isEqualTo(204);
    assertThat(admin.get("/routes/" + ra).statusCode()).isEqualTo(404);
  }

  @Test
  void theParentOfAChild() {
    String service = create("/services", "{\"name\":\"p\",\"host\":\"p.test\"}");
    String route = create("/services/p/routes", "{\"paths\":[\"/p\"]}");
    String orphan = create("/routes", "{\"paths\":[\"/o\"]}");
    assertThat(body(admin.get("/routes/" + route + "/service"))).containsEntry("id", service);
    assertThat(admin.get("/routes/" + orphan + "/service").statusCode()).isEqualTo(404);
    HttpResponse<String> patched = admin.form("PATCH", "/routes/" + route + "/service", "retries=2");
    assertThat(body(patched)).containsEntry("id", service).containsEntry("retries", 2L);
    HttpResponse<String> delete = admin.delete("/routes/" + route + "/service");
    assertThat(delete.statusCode()).isEqualTo(405);
    assertThat(delete.body()).isEqualTo("{\"message\":\"Method not allowed\"}");
    assertThat(admin.delete("/routes/" + orphan + "/service").statusCode()).isEqualTo(404);
    HttpResponse<String> created = admin.form("PUT", "/routes/" + orphan + "/service", "host=new.test");
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(body(admin.get("/routes/" + orphan))).containsEntry("service", Map.of("id", body(created).get("id")));
  }

  @Test
  void pluginContributedEntitiesAreServedGenerically() {
    String consumer = create("/consumers", "{\"username\":\"alice\"}");
    String other = create("/consumers", "{\"username\":\"bob\"}");
    HttpResponse<String> key = admin.form("POST", "/consumers/alice/key-auth", "key=top-secret-key");
    assertThat(key.statusCode()).isEqualTo(201);
    String keyId = (String) body(key).get("id");
    assertThat(body(key)).containsOnlyKeys("id", "created_at", "consumer", "key", "tags", "ttl");
    assertThat(body(admin.get("/key-auths/top-secret-key/consumer"))).containsEntry("id", consumer);
    assertThat(admin.get("/key-auths/" + keyId).statusCode()).isEqualTo(200);
    assertThat(admin.get("/consumers/alice/key-auth/" + keyId).statusCode()).isEqualTo(200);
    assertThat(admin.get("/consumers/alice/key-auth/top-secret-key").statusCode()).isEqualTo(200);
    assertThat(admin.get("/consumers/bob/key-auth/" + keyId).statusCode()).isEqualTo(404);
    assertThat(admin.get("/consumers/" + other + "/key-auth").body()).isEqualTo("{\"data\":[],\"next\":null}");
    HttpResponse<String> dup = admin.form("POST", "/key-auths", "key=top-secret-key&consumer.username=bob");
    assertThat(dup.statusCode()).isEqualTo(409);
    HttpResponse<String> scoped = admin.form("POST", "/plugins", "name=key-auth&consumer.id=" + consumer);
    assertThat(scoped.statusCode()).isEqualTo(400);
    assertThat(scoped.body()).contains("\"consumer\":\"value must be null\"");
    assertThat(admin.delete("/consumers/alice/key-auth/" + keyId).statusCode()).isEqualTo(204);
    assertThat(admin.get("/key-auths").body()).isEqualTo("{\"data\":[],\"next\":null}");
  }

  @Test
  void everyWriteIsLiveForTheNextRequestWhileHeldSnapshotsStayAsTheyWere() {
    ConfigSnapshot before = admin.writer.live().current();
    String id = create("/routes", "{\"name\":\"fresh\",\"paths\":[\"/fresh\"]}");
    ConfigSnapshot after = admin.writer.live().current();
    assertThat(after.generation()).isEqualTo(before.generation() + 1);
    assertThat(after.route(UUID.fromString(id))).isNotNull();
    assertThat(after.configuration().rows(Route.TYPE)).hasSize(1);
    assertThat(before.route(UUID.fromString(id))).isNull();
    assertThat(before.configuration().rows(Route.TYPE)).isEmpty();
  }
}
