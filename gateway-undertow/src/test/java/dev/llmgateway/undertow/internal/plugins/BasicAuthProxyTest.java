package dev.llmgateway.undertow.internal.plugins;

import static dev.llmgateway.undertow.internal.plugins.StackGateway.json;
import static dev.llmgateway.undertow.internal.plugins.StackGateway.upstreamHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.plugins.basicauth.BasicAuthType;
import dev.llmgateway.internal.plugins.testing.MutableClock;
import dev.llmgateway.undertow.embed.AccessLogOptions;
import dev.llmgateway.undertow.internal.testing.RawHttpConnection;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** basic-auth through a real gateway: its Admin API endpoints, each config field and scope, Kong's 401s. */
class BasicAuthProxyTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static StackGateway gw;
  private static String aliceId;

  @BeforeAll
  static void start() throws Exception {
    gw = StackGateway.start(CLOCK, AccessLogOptions.off(), List.of(new BasicAuthType()));
    aliceId = (String) json(gw.adminForm("POST", "/consumers", "username=alice&custom_id=alice-42")).get("id");
    gw.adminForm("POST", "/consumers/alice/basic-auth", "username=al&password=open%20sesame");
    gw.adminForm("POST", "/consumers", "username=guest");
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  static String basic(String userPass) {
    return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
  }

  static String sha1(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  /** A new service and route with basic-auth configured by {@code form} on {@code scope}; the route's path. */
  private static String route(String form, String scope) {
    String name = "ba" + NEXT.incrementAndGet();
    gw.adminForm("POST", "/services", "name=" + name + "&url=" + gw.vllm.url());
    gw.adminForm("POST", "/services/" + name + "/routes", "name=" + name + "&paths[]=/" + name);
    String at = scope.equals("route") ? "/routes/" + name : "/services/" + name;
    gw.adminForm("POST", at + "/plugins", "name=basic-auth" + (form.isEmpty() ? "" : "&" + form));
    return "/" + name;
  }

  private static Map<String, List<String>> upstream(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return upstreamHeaders(r);
  }

  @Test
  void adminApiStoresOnlyTheHash() throws Exception {
    String hash = sha1("open sesame" + aliceId);
    HttpResponse<String> one = gw.admin("GET", "/consumers/alice/basic-auth/al", null);
    assertThat(json(one)).containsEntry("password", hash).containsEntry("username", "al");
    assertThat(gw.admin("GET", "/basic-auths/al", null).body()).contains(hash).doesNotContain("open sesame");
    assertThat(gw.admin("GET", "/basic-auths", null).body()).contains("\"al\"").doesNotContain("open sesame");
    assertThat(json(gw.admin("GET", "/basic-auths/al/consumer", null))).containsEntry("username", "alice");
    HttpResponse<String> empty = gw.admin("POST", "/consumers/alice/basic-auth", "{}",
        "Content-Type", "application/json");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(json(empty).get("fields"))
        .isEqualTo(Map.of("username", "required field missing", "password", "required field missing"));
    HttpResponse<String> dup = gw.admin("POST", "/consumers/guest/basic-auth", "username=al&password=x",
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(dup.statusCode()).isEqualTo(409);
    gw.adminForm("POST", "/consumers", "username=carol");
    HttpResponse<String> created = gw.adminForm("POST", "/consumers/carol/basic-auth", "username=ca&password=pw1");
    String carolId = (String) json(gw.admin("GET", "/consumers/carol", null)).get("id");
    assertThat(json(created)).containsEntry("password", sha1("pw1" + carolId));
    HttpResponse<String> patched = gw.adminForm("PATCH", "/basic-auths/ca", "password=pw2");
    assertThat(json(patched)).containsEntry("password", sha1("pw2" + carolId));
    HttpResponse<String> move = gw.admin("PATCH", "/basic-auths/ca", "consumer.id=" + aliceId,
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(move.statusCode()).isEqualTo(400);
    assertThat(json(move)).containsEntry("message",
        "schema violation (all or none of these fields must be set: 'password', 'consumer.id')");
    assertThat(gw.admin("DELETE", "/basic-auths/ca", null).statusCode()).isEqualTo(204);
    assertThat(gw.admin("GET", "/basic-auths/ca", null).statusCode()).isEqualTo(404);
  }

  @Test
  void missingAndWrongCredentialsGetKongs401() {
    String p = route("", "service");
    HttpResponse<String> missing = gw.proxy("GET", p + "/x", null);
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(json(missing)).containsEntry("message", "Unauthorized").containsKey("request_id");
    assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"service\"");
    for (String bad : List.of(basic("al:wrong"), basic("nobody:open sesame"), basic("nocolon"), "Basic !!",
        "Bearer x")) {
      HttpResponse<String> r = gw.proxy("GET", p + "/x", null, "Authorization", bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(401);
      assertThat(json(r)).containsEntry("message", "Unauthorized");
      assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"service\"");
    }
  }

  @Test
  void rightCredentialsReachTheUpstreamWithConsumerHeaders() {
    String p = route("", "route");
    Map<String, List<String>> h = upstream(gw.proxy("GET", p + "/x", null, "Authorization", basic("al:open sesame"),
        "X-Anonymous-Consumer", "true", "X-Consumer-Username", "forged"));
    assertThat(h).containsEntry("x-consumer-username", List.of("alice"))
        .containsEntry("x-consumer-custom-id", List.of("alice-42"))
        .containsEntry("x-consumer-id", List.of(aliceId))
        .containsEntry("x-credential-identifier", List.of("al"))
        .doesNotContainKey("x-anonymous-consumer")
        .containsEntry("authorization", List.of(basic("al:open sesame")));
    // The JDK client never sends Proxy-Authorization to an origin, so these go over a raw socket.
    Map<String, Object> viaProxyHeader = raw(p, "Proxy-Authorization: " + basic("al:open sesame") + "\r\n");
    assertThat(viaProxyHeader.get("status")).isEqualTo(200);
    // The gateway drops Proxy-Authorization before the upstream in any case (a hop-by-hop header to it).
    assertThat((String) viaProxyHeader.get("body")).contains("\"x-consumer-id\"");
    // Proxy-Authorization names no credential, so Authorization is tried next, as Kong does.
    Map<String, Object> fallback = raw(p, "Proxy-Authorization: " + basic("nobody:x") + "\r\nAuthorization: "
        + basic("al:open sesame") + "\r\n");
    assertThat(fallback.get("status")).isEqualTo(200);
  }

  /** A GET with extra raw header lines; the status and body text. */
  private static Map<String, Object> raw(String path, String headerLines) {
    try (RawHttpConnection c = RawHttpConnection.open(gw.proxyPort())) {
      c.write("GET " + path + "/x HTTP/1.1\r\nHost: localhost\r\n" + headerLines + "Connection: close\r\n\r\n");
      RawHttpConnection.Head head = c.readHead();
      String body = new String(c.readBody(head), StandardCharsets.UTF_8);
      return Map.of("status", head.status(), "body", body);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void hideCredentialsRemovesTheExaminedHeaders() {
    String p = route("config.hide_credentials=true", "service");
    Map<String, List<String>> h = upstream(gw.proxy("GET", p + "/x", null, "Authorization", basic("al:open sesame")));
    assertThat(h).containsKey("x-consumer-id").doesNotContainKey("authorization");
  }

  @Test
  void realmIsSentInWwwAuthenticate() {
    String p = route("config.realm=llm", "service");
    assertThat(gw.proxy("GET", p + "/x", null).headers().firstValue("WWW-Authenticate"))
        .hasValue("Basic realm=\"llm\"");
  }

  @Test
  void anonymousContinuesAsThatConsumer() {
    String p = route("config.anonymous=guest", "service");
    Map<String, List<String>> h = upstream(gw.proxy("GET", p + "/x", null, "Authorization", basic("al:wrong")));
    assertThat(h).containsEntry("x-consumer-username", List.of("guest"))
        .containsEntry("x-anonymous-consumer", List.of("true")).doesNotContainKey("x-credential-identifier");
    assertThat(upstream(gw.proxy("GET", p + "/x", null, "Authorization", basic("al:open sesame"))))
        .containsEntry("x-consumer-username", List.of("alice"));
    String missing = route("config.anonymous=nobody-here", "service");
    HttpResponse<String> r = gw.proxy("GET", missing + "/x", null);
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(json(r)).containsEntry("message", "anonymous consumer nobody-here is configured but doesn't exist");
  }

  @Test
  void globalPluginCoversEveryRoute() {
    String name = "baglobal";
    gw.adminForm("POST", "/services", "name=" + name + "&url=" + gw.vllm.url());
    gw.adminForm("POST", "/services/" + name + "/routes", "name=" + name + "&paths[]=/" + name);
    assertThat(gw.proxy("GET", "/" + name + "/x", null).statusCode()).isEqualTo(200);
    String id = (String) json(gw.adminForm("POST", "/plugins", "name=basic-auth")).get("id");
    try {
      assertThat(gw.proxy("GET", "/" + name + "/x", null).statusCode()).isEqualTo(401);
      assertThat(gw.proxy("GET", "/" + name + "/x", null, "Authorization", basic("al:open sesame")).statusCode())
          .isEqualTo(200);
    } finally {
      gw.admin("DELETE", "/plugins/" + id, null);
    }
  }

  @Test
  void consumerScopeIsRefused() {
    HttpResponse<String> r = gw.admin("POST", "/consumers/alice/plugins", "name=basic-auth",
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("value must be null");
  }

  @Test
  void declarativeFileWithExportedHashesAuthenticates() throws Exception {
    try (StackGateway own = StackGateway.start(CLOCK, AccessLogOptions.off(), List.of(new BasicAuthType()))) {
      String consumerId = "0b8c6c3e-7f3a-4f45-9c1e-3c9d2a7e1f00";
      String yaml = """
          _format_version: "3.0"
          _transform: false
          services:
          - name: s
            url: %s
            routes:
            - name: r
              paths: [/s]
            plugins:
            - name: basic-auth
          consumers:
          - username: dora
            id: %s
            basicauth_credentials:
            - username: dora
              password: %s
          """.formatted(own.vllm.url(), consumerId, sha1("hunter2" + consumerId));
      HttpResponse<String> load = own.admin("POST", "/config", yaml, "Content-Type", "application/yaml");
      assertThat(load.statusCode()).as(load.body()).isEqualTo(201);
      assertThat(own.proxy("GET", "/s/x", null, "Authorization", basic("dora:hunter2")).statusCode()).isEqualTo(200);
      assertThat(own.proxy("GET", "/s/x", null, "Authorization", basic("dora:nope")).statusCode()).isEqualTo(401);
      String plain = yaml.replace("_transform: false\n", "").replace(sha1("hunter2" + consumerId), "hunter2");
      assertThat(own.admin("POST", "/config", plain, "Content-Type", "application/yaml").statusCode()).isEqualTo(201);
      assertThat(own.proxy("GET", "/s/x", null, "Authorization", basic("dora:hunter2")).statusCode()).isEqualTo(200);
      assertThat(own.admin("GET", "/basic-auths/dora", null).body()).doesNotContain("hunter2");
    }
  }
}
