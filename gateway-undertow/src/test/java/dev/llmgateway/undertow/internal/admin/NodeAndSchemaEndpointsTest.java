package dev.llmgateway.undertow.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.Version;
import dev.llmgateway.internal.json.Json;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /}, {@code GET /status}, {@code /plugins/enabled} and the schema endpoints over real HTTP. */
class NodeAndSchemaEndpointsTest {
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

  @Test
  @SuppressWarnings("unchecked")
  void rootDescribesTheNodeWithoutSecrets() {
    admin.form("POST", "/plugins", "name=rate-limiting&config.minute=5");
    admin.form("POST", "/consumers", "username=c");
    admin.form("POST", "/consumers/c/key-auth", "key=very-secret-key");
    HttpResponse<String> r = admin.get("/");
    assertThat(r.statusCode()).isEqualTo(200);
    Map<String, Object> root = body(r);
    assertThat(root).containsEntry("version", Version.VERSION).containsEntry("hostname", "test-host")
        .containsEntry("node_id", "7d1b6a1e-0000-4000-8000-000000000001").containsEntry("edition", "community");
    Map<String, Object> plugins = (Map<String, Object>) root.get("plugins");
    assertThat(plugins.get("available_on_server")).isEqualTo(Map.of(
        "key-auth", Map.of("version", "0.1.0", "priority", 1250L),
        "rate-limiting", Map.of("version", "0.1.0", "priority", 910L)));
    assertThat(plugins.get("enabled_in_cluster")).isEqualTo(List.of("rate-limiting"));
    assertThat((Map<String, Object>) root.get("configuration"))
        .containsEntry("admin_listen", List.of("127.0.0.1:8001")).containsEntry("proxy_listen", List.of("127.0.0.1:8000"));
    assertThat(r.body()).doesNotContain("very-secret-key");
  }

  @Test
  @SuppressWarnings("unchecked")
  void statusReportsServerMemoryHashAndStore() {
    Map<String, Object> empty = body(admin.get("/status"));
    assertThat(empty).containsEntry("configuration_hash", "00000000000000000000000000000000")
        .containsEntry("database", Map.of("reachable", true));
    assertThat((Map<String, Object>) empty.get("server")).containsKeys("connections_active", "total_requests",
        "connections_accepted", "connections_handled", "connections_reading", "connections_writing",
        "connections_waiting");
    assertThat(((Map<String, Object>) empty.get("server")).get("total_requests")).isInstanceOf(Long.class);
    assertThat((long) ((Map<String, Object>) empty.get("server")).get("connections_active")).isPositive();
    assertThat((Map<String, Object>) empty.get("memory")).containsKey("jvm_heap");
    admin.form("POST", "/services", "name=s&host=s.test");
    String hash = (String) body(admin.get("/status")).get("configuration_hash");
    assertThat(hash).matches("[0-9a-f]{32}").isNotEqualTo("00000000000000000000000000000000");
    admin.form("PATCH", "/services/s", "retries=1");
    assertThat(body(admin.get("/status")).get("configuration_hash")).isNotEqualTo(hash);
  }

  @Test
  void enabledPlugins() {
    assertThat(admin.get("/plugins/enabled").body())
        .isEqualTo("{\"enabled_plugins\":[\"key-auth\",\"rate-limiting\"]}");
  }

  @Test
  @SuppressWarnings("unchecked")
  void entityAndPluginSchemas() {
    Map<String, Object> services = body(admin.get("/schemas/services"));
    List<Map<String, Object>> fields = (List<Map<String, Object>>) services.get("fields");
    assertThat(fields).anySatisfy(f -> assertThat(f).containsEntry("port",
        Map.of("type", "integer", "required", true, "default", 80L)));
    assertThat(fields).anySatisfy(f -> assertThat(f).containsKey("client_certificate"));
    assertThat(body(admin.get("/schemas/routes")).toString()).contains("service={type=foreign, reference=services}");
    assertThat(admin.get("/schemas/keyauth_credentials").statusCode()).isEqualTo(200);
    HttpResponse<String> unknown = admin.get("/schemas/nothing");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("{\"message\":\"No entity named 'nothing'\"}");
    Map<String, Object> plugin = body(admin.get("/schemas/plugins/rate-limiting"));
    assertThat(plugin.toString())
        .contains("config={type=record, required=true, fields=[{second={type=number, description=Requests allowed"
            + " per second}}")
        .contains("policy={type=string, default=local, description=Where the counters live}")
        .contains("redis={type=record, required=true, fields=[{host={type=string}}, {port={type=integer, default=6379}}");
    HttpResponse<String> noPlugin = admin.get("/schemas/plugins/nope");
    assertThat(noPlugin.statusCode()).isEqualTo(404);
    assertThat(noPlugin.body()).isEqualTo("{\"message\":\"No plugin named 'nope'\"}");
  }

  @Test
  void schemaValidationWithoutWriting() {
    HttpResponse<String> ok = admin.form("POST", "/schemas/services/validate", "host=x.test");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("{\"message\":\"schema validation successful\"}");
    HttpResponse<String> bad = admin.form("POST", "/schemas/services/validate", "port=1");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("host: required field missing");
    HttpResponse<String> plugin = admin.form("POST", "/schemas/plugins/validate", "name=rate-limiting");
    assertThat(plugin.statusCode()).isEqualTo(400);
    assertThat(plugin.body()).contains("at least one of these fields must be non-empty: 'config.second',"
        + " 'config.minute', 'config.hour', 'config.day', 'config.month', 'config.year'");
    assertThat(admin.get("/services").body()).isEqualTo("{\"data\":[],\"next\":null}");
  }
}
