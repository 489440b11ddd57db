package dev.llmgateway.undertow.internal.plugins;

import static dev.llmgateway.undertow.internal.plugins.StackGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.plugins.cors.CorsType;
import dev.llmgateway.undertow.embed.AccessLogOptions;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** cors through a real gateway, configured with the Admin API on routes and services, and globally. */
class CorsProxyTest {
  private static StackGateway gw;
  private static StubUpstream upstream;

  @BeforeAll
  static void start() throws Exception {
    gw = StackGateway.start(Clock.systemUTC(), AccessLogOptions.off(), List.of(new CorsType()));
    // An upstream with its own CORS opinion and a Vary, which the plugin must override and extend.
    upstream = StubUpstream.start(ex -> ex.header("Vary", "Accept-Encoding")
        .header("Access-Control-Allow-Origin", "https://upstream.test")
        .respond(200, "application/json", "{\"upstream\":true,\"method\":\"" + ex.request().method() + "\"}"));
    gw.adminForm("POST", "/services", "name=web&url=" + upstream.url());
    for (String r : List.of("defaults", "regex", "pinned", "asterisk", "continue", "absent", "auth", "bare")) {
      gw.adminForm("POST", "/services/web/routes", "name=" + r + "&paths[]=/" + r);
    }
    plugin("/routes/defaults/plugins", "{}");
    plugin("/routes/regex/plugins", "{\"origins\":[\"(.*[./])?foo\\\\.test:8000\",\"https://plain.test\","
        + "\"^bar\\\\.test$\"],\"credentials\":true,\"max_age\":3600,\"headers\":[\"X-A\",\"X-B\"],"
        + "\"exposed_headers\":[\"X-Total\",\"X-Page\"],\"methods\":[\"GET\",\"POST\"],\"private_network\":true}");
    plugin("/routes/pinned/plugins", "{\"origins\":[\"foo.test\"]}");
    plugin("/routes/asterisk/plugins", "{\"origins\":[\"https://a.test\",\"*\"],\"credentials\":true}");
    plugin("/routes/continue/plugins", "{\"preflight_continue\":true}");
    plugin("/routes/absent/plugins", "{\"origins\":[\"https://a.test\"],\"allow_origin_absent\":false}");
    plugin("/routes/auth/plugins", "{\"origins\":[\"https://a.test\"]}");
    gw.adminForm("POST", "/routes/auth/plugins", "name=key-auth");
  }

  private static void plugin(String path, String config) {
    HttpResponse<String> r = gw.admin("POST", path, "{\"name\":\"cors\",\"config\":" + config + "}",
        "Content-Type", "application/json");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
    upstream.close();
  }

  private static HttpResponse<String> preflight(String path, String origin, String... more) {
    String[] h = new String[4 + more.length];
    h[0] = "Origin";
    h[1] = origin;
    h[2] = "Access-Control-Request-Method";
    h[3] = "POST";
    System.arraycopy(more, 0, h, 4, more.length);
    return gw.proxy("OPTIONS", path, null, h);
  }

  private static String header(HttpResponse<String> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  @Test
  void preflightWithDefaultsIsAnsweredByTheGateway() {
    HttpResponse<String> r = preflight("/defaults/x", "https://any.test", "Access-Control-Request-Headers", "X-Q");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
    assertThat(header(r, "Content-Length")).isEqualTo("0");
    assertThat(header(r, "Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(header(r, "Access-Control-Allow-Methods"))
        .isEqualTo("GET,HEAD,PUT,PATCH,POST,DELETE,OPTIONS,TRACE,CONNECT");
    assertThat(header(r, "Access-Control-Allow-Headers")).isEqualTo("X-Q");
    assertThat(header(r, "Access-Control-Max-Age")).isNull();
    assertThat(header(r, "Access-Control-Allow-Credentials")).isNull();
    assertThat(header(r, "Vary")).isNull();
    assertThat(upstream.requests()).noneMatch(q -> q.method().equals("OPTIONS")
        && "/defaults".equals(q.header("X-Forwarded-Prefix")) && q.header("Access-Control-Request-Method") != null);
  }

  @Test
  void preflightWithEveryField() {
    HttpResponse<String> r = preflight("/regex/x", "http://api.foo.test:8000",
        "Access-Control-Request-Headers", "X-Q", "Access-Control-Request-Private-Network", "true");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(header(r, "Access-Control-Allow-Origin")).isEqualTo("http://api.foo.test:8000");
    assertThat(header(r, "Access-Control-Allow-Credentials")).isEqualTo("true");
    assertThat(header(r, "Access-Control-Allow-Headers")).isEqualTo("X-A,X-B");
    assertThat(header(r, "Access-Control-Allow-Methods")).isEqualTo("GET,POST");
    assertThat(header(r, "Access-Control-Max-Age")).isEqualTo("3600");
    assertThat(header(r, "Access-Control-Allow-Private-Network")).isEqualTo("true");
    assertThat(header(r, "Vary")).isEqualTo("Origin");
    assertThat(header(r, "Access-Control-Expose-Headers")).isNull(); // never on a preflight
    HttpResponse<String> noPna = preflight("/regex/x", "http://api.foo.test:8000");
    assertThat(header(noPna, "Access-Control-Allow-Private-Network")).isNull();
  }

  @Test
  void regexOriginsAreAnchoredAndPortAware() {
    assertThat(header(preflight("/regex/x", "https://foo.test:8000"), "Access-Control-Allow-Origin"))
        .isEqualTo("https://foo.test:8000");
    // Kong's pinned case: the port is part of the pattern, so :80 does not match.
    assertThat(preflight("/regex/x", "http://foo.test:80").headers().firstValue("Access-Control-Allow-Origin"))
        .isEmpty();
    assertThat(preflight("/regex/x", "http://evilfoo.test:8000").headers()
        .firstValue("Access-Control-Allow-Origin")).isEmpty();
    // A regex without a colon matches the host alone, whatever the scheme and port.
    assertThat(header(preflight("/regex/x", "http://bar.test:9999"), "Access-Control-Allow-Origin"))
        .isEqualTo("http://bar.test:9999");
    assertThat(header(preflight("/regex/x", "http://bar.test.evil"), "Access-Control-Allow-Origin")).isNull();
    // Plain entries compare normalised origins: the default port is dropped.
    assertThat(header(preflight("/regex/x", "https://plain.test:443"), "Access-Control-Allow-Origin"))
        .isEqualTo("https://plain.test");
    // Credentials are sent even when the origin did not match (as Kong does).
    assertThat(header(preflight("/regex/x", "https://nope.test"), "Access-Control-Allow-Credentials"))
        .isEqualTo("true");
  }

  @Test
  void proxiedResponsesGetOriginCredentialsExposedHeadersAndAnAppendedVary() {
    HttpResponse<String> r = gw.proxy("GET", "/regex/x", null, "Origin", "http://foo.test:8000");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r)).containsEntry("upstream", true);
    assertThat(r.headers().allValues("Access-Control-Allow-Origin")).containsExactly("http://foo.test:8000");
    assertThat(header(r, "Access-Control-Allow-Credentials")).isEqualTo("true");
    assertThat(header(r, "Access-Control-Expose-Headers")).isEqualTo("X-Total,X-Page");
    assertThat(r.headers().allValues("Vary")).containsExactly("Accept-Encoding", "Origin");
    // No match: the upstream's own Access-Control-Allow-Origin is removed.
    HttpResponse<String> other = gw.proxy("GET", "/regex/x", null, "Origin", "https://evil.test");
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void aSinglePlainOriginIsSentWhateverTheRequestOrigin() {
    HttpResponse<String> r = gw.proxy("GET", "/pinned/x", null, "Origin", "http://evil.test");
    assertThat(header(r, "Access-Control-Allow-Origin")).isEqualTo("foo.test");
    assertThat(header(preflight("/pinned/x", "http://evil.test"), "Access-Control-Allow-Origin"))
        .isEqualTo("foo.test");
  }

  @Test
  void anAsteriskAmongOriginsWithCredentialsEchoesTheOrigin() {
    HttpResponse<String> r = gw.proxy("GET", "/asterisk/x", null, "Origin", "https://b.test");
    assertThat(header(r, "Access-Control-Allow-Origin")).isEqualTo("https://b.test");
    assertThat(header(r, "Access-Control-Allow-Credentials")).isEqualTo("true");
    assertThat(r.headers().allValues("Vary")).contains("Origin");
  }

  @Test
  void preflightContinueSendsThePreflightUpstreamWithoutCorsHeaders() {
    HttpResponse<String> r = preflight("/continue/x", "https://a.test");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r)).containsEntry("method", "OPTIONS");
    // The upstream's own header passes untouched: the plugin adds nothing to a continued preflight.
    assertThat(r.headers().allValues("Access-Control-Allow-Origin")).containsExactly("https://upstream.test");
    assertThat(header(r, "Access-Control-Allow-Methods")).isNull();
  }

  @Test
  void anOptionsRequestWithoutRequestMethodIsNoPreflight() {
    HttpResponse<String> r = gw.proxy("OPTIONS", "/defaults/x", null, "Origin", "https://a.test");
    assertThat(json(r)).containsEntry("method", "OPTIONS");
    assertThat(header(r, "Access-Control-Allow-Origin")).isEqualTo("*");
  }

  @Test
  void allowOriginAbsent() {
    assertThat(header(gw.proxy("GET", "/defaults/x", null), "Access-Control-Allow-Origin")).isEqualTo("*");
    HttpResponse<String> r = gw.proxy("GET", "/absent/x", null);
    assertThat(r.headers().allValues("Access-Control-Allow-Origin")).containsExactly("https://upstream.test");
    assertThat(r.headers().allValues("Vary")).containsExactly("Accept-Encoding");
  }

  @Test
  void errorsFromLaterPluginsCarryCorsHeaders() {
    HttpResponse<String> r = gw.proxy("GET", "/auth/x", null, "Origin", "https://a.test");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(header(r, "Access-Control-Allow-Origin")).isEqualTo("https://a.test");
    assertThat(r.headers().allValues("Vary")).containsExactly("Origin");
    // A preflight is answered before key-auth runs, so browsers can ask without a key.
    assertThat(preflight("/auth/x", "https://a.test").statusCode()).isEqualTo(200);
  }

  @Test
  void serviceScopeAndGlobalScope() {
    gw.adminForm("POST", "/services", "name=web2&url=" + upstream.url());
    gw.adminForm("POST", "/services/web2/routes", "name=svc&paths[]=/svc");
    HttpResponse<String> added = gw.admin("POST", "/services/web2/plugins",
        "{\"name\":\"cors\",\"config\":{\"origins\":[\"https://svc.test\"]}}", "Content-Type", "application/json");
    assertThat(added.statusCode()).isEqualTo(201);
    assertThat(header(gw.proxy("GET", "/svc/x", null, "Origin", "https://svc.test"),
        "Access-Control-Allow-Origin")).isEqualTo("https://svc.test");
    HttpResponse<String> global = gw.admin("POST", "/plugins",
        "{\"name\":\"cors\",\"config\":{\"origins\":[\"https://global.test\"]}}", "Content-Type",
        "application/json");
    assertThat(global.statusCode()).isEqualTo(201);
    try {
      assertThat(header(gw.proxy("GET", "/bare/x", null, "Origin", "https://global.test"),
          "Access-Control-Allow-Origin")).isEqualTo("https://global.test");
      // The service's own plugin still wins over the global one.
      assertThat(header(gw.proxy("GET", "/svc/x", null, "Origin", "https://svc.test"),
          "Access-Control-Allow-Origin")).isEqualTo("https://svc.test");
    } finally {
      gw.admin("DELETE", "/plugins/" + json(global).get("id"), null);
    }
  }

  @Test
  void consumerScopeIsRefusedLikeKong() {
    gw.adminForm("POST", "/consumers", "username=cors-user");
    HttpResponse<String> r = gw.admin("POST", "/consumers/cors-user/plugins", "{\"name\":\"cors\"}",
        "Content-Type", "application/json");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r)).containsEntry("fields", Map.of("consumer", "value must be null"));
  }

  @Test
  void invalidConfigIsRefusedWithKongsErrors() {
    HttpResponse<String> r = gw.admin("POST", "/routes/bare/plugins",
        "{\"name\":\"cors\",\"config\":{\"origins\":[\"[\"],\"methods\":[\"FETCH\"]}}", "Content-Type",
        "application/json");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r)).containsEntry("name", "schema violation").containsEntry("code", 2L);
    assertThat(r.body()).contains("'[' is not a valid regex")
        .contains("expected one of: GET, HEAD, PUT, PATCH, POST, DELETE, OPTIONS, TRACE, CONNECT");
  }
}
