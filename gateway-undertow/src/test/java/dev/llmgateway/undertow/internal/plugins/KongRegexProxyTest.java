package dev.llmgateway.undertow.internal.plugins;

import static dev.llmgateway.undertow.internal.plugins.StackGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.plugins.testing.MutableClock;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Kong's regex dialect through the Admin API and a real proxy listener. */
class KongRegexProxyTest {
  private static StackGateway gw;

  @BeforeAll
  static void start() throws Exception {
    gw = StackGateway.start(new MutableClock(Instant.parse("2025-03-01T10:00:00Z")));
    gw.adminForm("POST", "/services", "name=rx&url=" + gw.vllm.url());
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void pcreGroupNamesAndPosixClassesRoute() {
    gw.adminForm("POST", "/services/rx/routes", "name=rx1&paths[]=" + enc("~/users/(?P<user_id>[[:digit:]]+)/(?<sub_path>[a-z_]+)$"));
    HttpResponse<String> hit = gw.proxy("GET", "/users/42/my_profile", null);
    assertThat(hit.statusCode()).as(hit.body()).isEqualTo(200);
    assertThat(json(hit)).containsEntry("path", "/");
    assertThat(gw.proxy("GET", "/users/x/my_profile", null).statusCode()).isEqualTo(404);
    gw.adminForm("POST", "/services/rx/routes", "name=rx2&paths[]=/h&headers.x-model=" + enc("~*^llama-(?P<major_v>\\d)$"));
    assertThat(gw.proxy("GET", "/h", null, "X-Model", "LLAMA-3").statusCode()).isEqualTo(200);
    assertThat(gw.proxy("GET", "/h", null, "X-Model", "llama-x").statusCode()).isEqualTo(404);
  }

  @Test
  void refusedPatternsGetKongsFieldError() {
    HttpResponse<String> r = gw.admin("POST", "/services/rx/routes", "paths[]=" + enc("~/(a"),
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("fields")).isEqualTo(Map.of("paths",
        java.util.List.of("invalid regex: '/(a' (PCRE returned: missing closing parenthesis)")));
    HttpResponse<String> look = gw.admin("POST", "/services/rx/routes", "paths[]=" + enc("~/(?=a)"),
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(look.statusCode()).isEqualTo(400);
    assertThat(look.body()).contains("look-around");
  }
}
