package dev.llmgateway.undertow.internal.plugins;

import static dev.llmgateway.undertow.internal.plugins.StackGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.plugins.cors.CorsType;
import dev.llmgateway.internal.plugins.iprestriction.IpRestrictionType;
import dev.llmgateway.internal.plugins.requestsizelimiting.RequestSizeLimitingType;
import dev.llmgateway.internal.plugins.requesttransformer.RequestTransformerType;
import dev.llmgateway.internal.plugins.responsetransformer.ResponseTransformerType;
import dev.llmgateway.undertow.embed.AccessLogOptions;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** cors, ip-restriction, request-size-limiting and both transformers from a kong.yml, at every scope Kong allows. */
class WebPluginsDeclarativeTest {
  private static StackGateway gw;

  @BeforeAll
  static void start() throws Exception {
    gw = StackGateway.start(Clock.systemUTC(), AccessLogOptions.off(), List.of(new CorsType(),
        new IpRestrictionType(), new RequestSizeLimitingType(), new RequestTransformerType(),
        new ResponseTransformerType()));
    String yaml = """
        _format_version: "3.0"
        plugins:
        - name: response-transformer
          config:
            add:
              headers: ["x-global:yes"]
        services:
        - name: web
          url: %s
          plugins:
          - name: request-size-limiting
            config:
              allowed_payload_size: 8
              size_unit: bytes
          routes:
          - name: web
            paths: [/web]
            plugins:
            - name: cors
              config:
                origins: ["https://app.test"]
                max_age: 600
            - name: ip-restriction
              config:
                deny: ["10.0.0.0/8"]
            - name: key-auth
          - name: closed
            paths: [/closed]
            plugins:
            - name: ip-restriction
              config:
                allow: ["10.0.0.0/8"]
                status: 404
                message: Nothing here
        consumers:
        - username: ann
          keyauth_credentials:
          - key: ann-key
          plugins:
          - name: request-transformer
            config:
              add:
                headers: ["x-who:ann"]
        """.formatted(gw.vllm.url());
    HttpResponse<String> r = gw.admin("POST", "/config", yaml, "Content-Type", "application/yaml");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyScopeApplies() {
    HttpResponse<String> preflight = gw.proxy("OPTIONS", "/web/x", null, "Origin", "https://app.test",
        "Access-Control-Request-Method", "POST");
    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).contains("600");
    assertThat(preflight.headers().firstValue("x-global")).contains("yes");

    HttpResponse<String> ok = gw.proxy("POST", "/web/x", "12345678", "apikey", "ann-key");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat((Map<String, List<String>>) json(ok).get("headers")).containsEntry("x-who", List.of("ann"));
    assertThat(ok.headers().firstValue("x-global")).contains("yes");
    assertThat(gw.proxy("POST", "/web/x", "123456789", "apikey", "ann-key").statusCode()).isEqualTo(413);

    HttpResponse<String> closed = gw.proxy("GET", "/closed/x", null);
    assertThat(closed.statusCode()).isEqualTo(404);
    assertThat(json(closed)).containsEntry("message", "Nothing here");
  }

  @Test
  void aBadPluginConfigRefusesTheWholeFileAndNamesTheField() {
    HttpResponse<String> r = gw.admin("POST", "/config", """
        _format_version: "3.0"
        services:
        - name: other
          url: http://other.test
          plugins:
          - name: ip-restriction
            config:
              allow: ["not-an-ip"]
        """, "Content-Type", "application/yaml");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("invalid ip or cidr range: 'not-an-ip'");
    assertThat(gw.admin("GET", "/services/web", null).statusCode()).isEqualTo(200);
  }
}
