package dev.llmgateway.undertow.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.undertow.internal.testing.RawHttpConnection;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kong's request-body rules over real HTTP: JSON, form key syntax, multipart, and the refusals. */
class BodyParsingTest {
  private AdminListener admin;

  @BeforeEach
  void start() throws Exception {
    admin = AdminListener.start();
    admin.json("POST", "/services", "{\"name\":\"svc\",\"host\":\"svc.test\"}");
  }

  @AfterEach
  void stop() throws Exception {
    admin.close();
  }

  private static Map<String, Object> body(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isLessThan(300);
    return Json.parseObject(r.body());
  }

  @Test
  void aContentLengthNoLongCanHoldIs400AndChangesNothing() throws Exception {
    URI uri = URI.create(admin.base);
    try (RawHttpConnection c =
        RawHttpConnection.open(uri.getPort())) {
      c.write("POST /services HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
          + "Content-Length: 99999999999999999999999\r\n\r\n{\"name\":\"x\",\"host\":\"x.test\"}");
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.status()).isEqualTo(400);
      assertThat(new String(c.readBody(head), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Bad request\"}");
    }
    assertThat(admin.get("/services/x").statusCode()).isEqualTo(404);
  }

  @Test
  void arraysFromRepeatedKeysAppendsAndIndexes() {
    assertThat(body(admin.form("POST", "/routes", "paths=/a&paths=/b")).get("paths")).isEqualTo(List.of("/a", "/b"));
    assertThat(body(admin.form("POST", "/routes", "paths[]=/c&paths[]=/d")).get("paths"))
        .isEqualTo(List.of("/c", "/d"));
    assertThat(body(admin.form("POST", "/routes", "paths[2]=/f&paths[1]=/e")).get("paths"))
        .isEqualTo(List.of("/e", "/f"));
    assertThat(body(admin.form("POST", "/routes", "paths%5B%5D=/g")).get("paths")).isEqualTo(List.of("/g"));
    assertThat(body(admin.form("POST", "/routes", "paths=/single")).get("paths")).isEqualTo(List.of("/single"));
    assertThat(body(admin.form("POST", "/routes", "hosts[]=example.com&methods[]=GET&methods[]=GET")))
        .containsEntry("hosts", List.of("example.com")).containsEntry("methods", List.of("GET"));
  }

  @Test
  void dottedKeysMakeRecordsMapsAndReferences() {
    Map<String, Object> route = body(admin.form("POST", "/routes", "headers.region=north&service.name=svc"));
    assertThat(route.get("headers")).isEqualTo(Map.of("region", List.of("north")));
    assertThat(route.get("service")).isEqualTo(Map.of("id", body(admin.get("/services/svc")).get("id")));
    Map<String, Object> plugin = body(admin.form("POST", "/plugins",
        "name=rate-limiting&config.minute=5&config[hour]=50&config.policy=local&config.fault_tolerant=false"));
    assertThat(plugin.get("config")).asInstanceOf(MAP).containsEntry("minute", 5L).containsEntry("hour", 50L)
        .containsEntry("policy", "local").containsEntry("fault_tolerant", false);
    Map<String, Object> auth = body(admin.form("POST", "/plugins",
        "name=key-auth&config.key_names[]=apikey&config.key_names[]=x-key&service.id=" + route.get("service")
            .toString().replaceAll(".*id=([^}]*)}.*", "$1")));
    assertThat(auth.get("config")).asInstanceOf(MAP).containsEntry("key_names", List.of("apikey", "x-key"));
  }

  @Test
  void formValuesAreTypedByTheSchema() {
    Map<String, Object> service = body(admin.form("PATCH", "/services/svc",
        "port=8080&retries=+3&enabled=false&path=&tls_verify="));
    assertThat(service).containsEntry("port", 8080L).containsEntry("retries", 3L).containsEntry("enabled", false)
        .containsEntry("path", null);
    HttpResponse<String> notANumber = admin.form("PATCH", "/services/svc", "port=eighty");
    assertThat(notANumber.statusCode()).isEqualTo(400);
    assertThat(notANumber.body()).isEqualTo("{\"code\":2,\"name\":\"schema violation\",\"message\":"
        + "\"schema violation (port: expected an integer)\",\"fields\":{\"port\":\"expected an integer\"}}");
    HttpResponse<String> notABoolean = admin.form("PATCH", "/services/svc", "enabled=yes");
    assertThat(notABoolean.body()).contains("\"enabled\":\"expected a boolean\"");
    HttpResponse<String> fraction = admin.form("PATCH", "/services/svc", "port=80.5");
    assertThat(fraction.body()).contains("\"port\":\"expected an integer\"");
  }

  @Test
  void jsonValuesAreTakenAsTheyAre() {
    HttpResponse<String> r = admin.json("PATCH", "/services/svc", "{\"port\":\"80\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"port\":\"expected an integer\"");
    assertThat(body(admin.json("PATCH", "/services/svc", "{\"path\":null,\"port\":81}"))).containsEntry("port", 81L);
  }

  @Test
  void unknownFieldsAndSeveralErrorsAreListed() {
    HttpResponse<String> r = admin.form("POST", "/services", "foo=1&port=x");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"code\":2,\"name\":\"schema violation\",\"message\":\"3 schema violations "
        + "(foo: unknown field; host: required field missing; port: expected an integer)\",\"fields\":"
        + "{\"foo\":\"unknown field\",\"host\":\"required field missing\",\"port\":\"expected an integer\"}}");
    HttpResponse<String> consumer = admin.form("POST", "/consumers", "tags[]=x");
    assertThat(consumer.body()).isEqualTo("{\"code\":2,\"name\":\"schema violation\",\"message\":\"schema violation "
        + "(at least one of these fields must be non-empty: 'custom_id', 'username')\",\"fields\":{\"@entity\":"
        + "[\"at least one of these fields must be non-empty: 'custom_id', 'username'\"]}}");
  }

  @Test
  void multipartFormData() {
    String boundary = "----curlBoundary42";
    String multipart = "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"name\"\r\n\r\nmp-service\r\n"
        + "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"url\"\r\n\r\nhttp://mp.test:9000/v1\r\n"
        + "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"tags[]\"\r\n\r\nllm\r\n"
        + "--" + boundary + "--\r\n";
    HttpResponse<String> r = admin.send("POST", "/services", "multipart/form-data; boundary=" + boundary, multipart);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(body(r)).containsEntry("name", "mp-service").containsEntry("port", 9000L).containsEntry("path", "/v1")
        .containsEntry("tags", List.of("llm"));
  }

  @Test
  void refusedBodies() {
    HttpResponse<String> badJson = admin.json("POST", "/services", "{\"name\":");
    assertThat(badJson.statusCode()).isEqualTo(400);
    assertThat(badJson.body()).isEqualTo("{\"message\":\"Cannot parse JSON body\"}");
    assertThat(admin.json("POST", "/services", "").body()).isEqualTo("{\"message\":\"Cannot parse JSON body\"}");
    HttpResponse<String> unsupported = admin.send("POST", "/services", "text/plain", "name=x");
    assertThat(unsupported.statusCode()).isEqualTo(415);
    assertThat(unsupported.body()).isEmpty();
    assertThat(admin.send("POST", "/services", null, "name=x").statusCode()).isEqualTo(415);
    HttpResponse<String> noBody = admin.send("POST", "/services", null, null);
    assertThat(noBody.statusCode()).isEqualTo(400);
    assertThat(noBody.body()).contains("host: required field missing");
    HttpResponse<String> two = admin.send(admin.request("/services").header("Content-Type", "application/json")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(two.statusCode()).isEqualTo(400);
    assertThat(two.body()).isEqualTo("{\"message\":\"Multiple Content-Type headers not allowed\"}");
    String many = "tags[]=t&".repeat(1001);
    HttpResponse<String> tooMany = admin.form("POST", "/services", many);
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(tooMany.body()).isEqualTo("{\"message\":\"Too many arguments\"}");
    assertThat(admin.get("/services").body()).contains("\"svc\"").doesNotContain("\"x\"");
  }

  @Test
  void theDefaultBodyLimitIsTenMebibytes() {
    byte[] atLimit = ("tags[]=" + "a".repeat(10 * 1024 * 1024 - 7)).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> ok = admin.send(admin.request("/services")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofByteArray(atLimit)));
    assertThat(ok.statusCode()).isEqualTo(400);
    assertThat(ok.body()).contains("host: required field missing");
    byte[] over = new byte[10 * 1024 * 1024 + 1];
    java.util.Arrays.fill(over, (byte) 'a');
    HttpResponse<String> tooLarge = admin.send(admin.request("/services")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofByteArray(over)));
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.body()).isEqualTo("{\"message\":\"Payload too large\"}");
  }

  @Test
  void theBodyLimitIsConfigurable() throws Exception {
    try (AdminListener small = AdminListener.start(new dev.llmgateway.internal.store.MemoryConfigStore(),
        b -> b.maxBodyBytes(64))) {
      HttpResponse<String> tooLarge = small.form("POST", "/services", "name=x&host=" + "h".repeat(80));
      assertThat(tooLarge.statusCode()).isEqualTo(413);
      assertThat(tooLarge.body()).isEqualTo("{\"message\":\"Payload too large\"}");
      assertThat(small.get("/services").body()).isEqualTo("{\"data\":[],\"next\":null}");
      assertThat(small.form("POST", "/services", "name=x&host=h.test").statusCode()).isEqualTo(201);
    }
  }
}
