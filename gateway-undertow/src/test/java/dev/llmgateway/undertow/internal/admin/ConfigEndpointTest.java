package dev.llmgateway.undertow.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.entity.Service;
import dev.llmgateway.internal.json.Json;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /config} and {@code POST /config} in every body form Kong accepts. */
class ConfigEndpointTest {
  static final String YAML = """
      _format_version: "3.0"
      services:
      - name: vllm-service
        url: http://vllm.test:8080
        routes:
        - name: vllm-route
          paths: [/v1/vllm]
      consumers:
      - username: admin
        keyauth_credentials:
        - key: admin-key
      """;

  private AdminListener admin;

  @BeforeEach
  void start() throws Exception {
    admin = AdminListener.start();
    admin.form("POST", "/services", "name=old&host=old.test");
  }

  @AfterEach
  void stop() throws Exception {
    admin.close();
  }

  private void assertLoaded(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    Map<String, Object> entities = Json.parseObject(r.body());
    assertThat(entities).containsOnlyKeys("services", "routes", "consumers", "keyauth_credentials");
    assertThat(((Map<?, ?>) entities.get("services")).values()).singleElement()
        .satisfies(s -> assertThat(((Map<?, ?>) s).get("name")).isEqualTo("vllm-service"));
    assertThat(admin.get("/services/old").statusCode()).isEqualTo(404);
    assertThat(admin.get("/services/vllm-service").statusCode()).isEqualTo(200);
    assertThat(admin.get("/routes/vllm-route").statusCode()).isEqualTo(200);
    assertThat(admin.get("/key-auths/admin-key/consumer").body()).contains("\"username\":\"admin\"");
  }

  @Test
  void yamlBody() {
    assertLoaded(admin.send("POST", "/config", "application/yaml", YAML));
  }

  @Test
  void rawYamlBodyAsCurlDataBinarySendsIt() {
    assertLoaded(admin.send("POST", "/config", "application/x-www-form-urlencoded", YAML));
  }

  @Test
  void jsonBody() {
    String json = Json.write(Map.of("_format_version", "3.0",
        "services", List.of(Map.of("name", "vllm-service", "url", "http://vllm.test:8080",
            "routes", List.of(Map.of("name", "vllm-route", "paths", List.of("/v1/vllm"))))),
        "consumers", List.of(Map.of("username", "admin",
            "keyauth_credentials", List.of(Map.of("key", "admin-key"))))));
    assertLoaded(admin.json("POST", "/config", json));
  }

  @Test
  void configFieldInJsonFormAndMultipart() {
    assertLoaded(admin.json("POST", "/config", Json.write(Map.of("config", YAML))));
    assertLoaded(admin.form("POST", "/config", "config=" + java.net.URLEncoder.encode(YAML,
        java.nio.charset.StandardCharsets.UTF_8)));
    String boundary = "------------------------d74496d66958873e";
    String multipart = "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"config\"; filename=\"kong.yml\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + YAML + "\r\n--" + boundary + "--\r\n";
    assertLoaded(admin.send("POST", "/config", "multipart/form-data; boundary=" + boundary, multipart));
  }

  @Test
  void invalidConfigurationIsCode14AndChangesNothing() {
    HttpResponse<String> r = admin.send("POST", "/config", "application/yaml", """
        _format_version: "3.0"
        services:
        - name: s
          host: s.test
          routes:
          - paths: [/ok]
          - paths: [nope]
        """);
    assertThat(r.statusCode()).isEqualTo(400);
    Map<String, Object> body = Json.parseObject(r.body());
    assertThat(body).containsEntry("code", 14L).containsEntry("name", "invalid declarative configuration")
        .containsEntry("errors", List.of(
            "services[0].routes[1].paths[0]: should start with: / (fixed path) or ~/ (regex path)"));
    assertThat((String) body.get("message")).isEqualTo("declarative config is invalid: "
        + "{services={{routes={[2]={paths={\"should start with: / (fixed path) or ~/ (regex path)\"}}}}}}");
    assertThat(r.body()).contains("\"fields\":{\"services\":[{\"routes\":[null,{\"paths\":"
        + "[\"should start with: / (fixed path) or ~/ (regex path)\"]}]}]}");
    assertThat(admin.get("/services/old").statusCode()).isEqualTo(200);
    HttpResponse<String> garbage = admin.send("POST", "/config", "application/yaml", "services: [");
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(garbage.body()).contains("\"code\":14").contains("failed parsing declarative configuration");
  }

  @Test
  void anEmptyPostIsRefused() {
    HttpResponse<String> r = admin.send("POST", "/config", null, null);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"message\":\"expected a declarative configuration\"}");
  }

  @Test
  void exportThenImportGivesTheSameConfiguration() {
    admin.send("POST", "/config", "application/yaml", YAML);
    admin.form("POST", "/upstreams", "name=pool");
    admin.form("POST", "/upstreams/pool/targets", "target=10.0.0.1:8000&weight=5");
    admin.form("POST", "/services/vllm-service/plugins", "name=rate-limiting&config.minute=60");
    Configuration before = admin.writer.live().current().configuration();
    HttpResponse<String> exported = admin.get("/config");
    assertThat(exported.statusCode()).isEqualTo(200);
    String yaml = (String) Json.parseObject(exported.body()).get("config");
    assertThat(yaml).startsWith("_format_version: '3.0'\n_transform: false\nservices:\n");
    admin.form("POST", "/services", "name=extra&host=e.test");
    HttpResponse<String> reloaded = admin.send("POST", "/config", "application/yaml", yaml);
    assertThat(reloaded.statusCode()).isEqualTo(201);
    assertThat(admin.writer.live().current().configuration()).isEqualTo(before);
    assertThat(Json.parseObject(admin.get("/config").body()).get("config")).isEqualTo(yaml);
  }

  @Test
  void targetsRenderFloatTimestampsWithMilliseconds() {
    admin.form("POST", "/upstreams", "name=pool");
    HttpResponse<String> target = admin.form("POST", "/upstreams/pool/targets", "target=httpbun.com:80");
    assertThat(target.statusCode()).isEqualTo(201);
    assertThat(target.body()).matches(".*\"created_at\":\\d{10}(\\.\\d{1,3})?,.*").doesNotContain("E9");
  }

  @Test
  void checkHashAnswers304WhenNothingWouldChange() {
    assertThat(admin.send("POST", "/config", "application/yaml", YAML).statusCode()).isEqualTo(201);
    long generation = admin.writer.live().current().generation();
    HttpResponse<String> same = admin.send("POST", "/config?check_hash=1", "application/yaml", YAML);
    assertThat(same.statusCode()).isEqualTo(304);
    assertThat(admin.writer.live().current().generation()).isEqualTo(generation);
    assertThat(admin.send("POST", "/config?check_hash=1", "application/yaml", YAML.replace("8080", "8081"))
        .statusCode()).isEqualTo(201);
    assertThat(admin.writer.live().current().configuration().rows(Service.TYPE)).singleElement()
        .satisfies(s -> assertThat(s.get("port")).isEqualTo(8081L));
  }
}
