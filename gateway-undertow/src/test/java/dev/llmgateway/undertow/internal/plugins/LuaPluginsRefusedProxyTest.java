package dev.llmgateway.undertow.internal.plugins;

import static dev.llmgateway.undertow.internal.plugins.StackGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** pre-function and post-function are refused by the Admin API and in declarative config, never dropped. */
class LuaPluginsRefusedProxyTest {
  private static final String MESSAGE = "plugin 'pre-function' runs Lua code, which cannot run in this gateway (it "
      + "has no Lua runtime); write it as a Java plugin instead (implement dev.llmgateway.plugin.PluginType; see "
      + "docs/plugins.md)";
  private static StackGateway gw;

  @BeforeAll
  static void start() throws Exception {
    gw = StackGateway.start(Clock.systemUTC());
    gw.adminForm("POST", "/services", "name=lua-svc&url=" + gw.vllm.url());
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @Test
  void adminApiRefusesWithAKongSchemaViolation() {
    int before = ((List<?>) json(gw.admin("GET", "/plugins", null)).get("data")).size();
    HttpResponse<String> r = gw.admin("POST", "/services/lua-svc/plugins",
        "{\"name\":\"pre-function\",\"config\":{\"access\":[\"kong.response.exit(418)\"]}}",
        "Content-Type", "application/json");
    assertThat(r.statusCode()).isEqualTo(400);
    Map<String, Object> body = json(r);
    assertThat(body).containsEntry("name", "schema violation").containsEntry("code", 2L)
        .containsEntry("fields", Map.of("name", MESSAGE));
    HttpResponse<String> form = gw.admin("POST", "/plugins", "name=post-function&config.access[]=x",
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(form.statusCode()).isEqualTo(400);
    assertThat(json(form)).containsEntry("fields", Map.of("name", MESSAGE.replace("pre-function", "post-function")));
    assertThat(((List<?>) json(gw.admin("GET", "/plugins", null)).get("data"))).hasSize(before);
  }

  @Test
  void declarativeConfigIsRefusedAsAWholeAndNothingChanges() {
    String yaml = """
        _format_version: "3.0"
        services:
        - name: lua-decl
          url: http://upstream.test
          plugins:
          - name: post-function
            config:
              header_filter: ["kong.response.set_header('x', 'y')"]
        """;
    HttpResponse<String> r = gw.admin("POST", "/config", yaml, "Content-Type", "application/yaml");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("plugin 'post-function' runs Lua code, which cannot run in this gateway")
        .contains("write it as a Java plugin instead");
    assertThat(gw.admin("GET", "/services/lua-svc", null).statusCode()).isEqualTo(200);
    assertThat(gw.admin("GET", "/services/lua-decl", null).statusCode()).isEqualTo(404);
  }
}
