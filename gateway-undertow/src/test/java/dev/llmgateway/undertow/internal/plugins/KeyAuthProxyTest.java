package dev.llmgateway.undertow.internal.plugins;

import static dev.llmgateway.undertow.internal.plugins.StackGateway.json;
import static dev.llmgateway.undertow.internal.plugins.StackGateway.upstreamHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.plugins.testing.MutableClock;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** key-auth through a real gateway: each config field, what the upstream sees, and Kong's 401s. */
class KeyAuthProxyTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static StackGateway gw;

  @BeforeAll
  static void start() throws Exception {
    gw = StackGateway.start(CLOCK);
    gw.adminForm("POST", "/consumers", "username=alice&custom_id=alice-42");
    gw.adminForm("POST", "/consumers/alice/key-auth", "key=alice-key");
    gw.adminForm("POST", "/consumers", "username=guest");
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  /** A new service and route with key-auth configured by {@code form}; returns the route's path. */
  private static String route(String form) {
    String name = "ka" + NEXT.incrementAndGet();
    gw.adminForm("POST", "/services", "name=" + name + "&url=" + gw.vllm.url());
    gw.adminForm("POST", "/services/" + name + "/routes", "name=" + name + "&paths[]=/" + name);
    gw.adminForm("POST", "/services/" + name + "/plugins", "name=key-auth" + (form.isEmpty() ? "" : "&" + form));
    return "/" + name;
  }

  private static Map<String, List<String>> upstream(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return upstreamHeaders(r);
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void defaultsAcceptHeaderQueryAndBearer() {
    String p = route("");
    HttpResponse<String> missing = gw.proxy("GET", p + "/x", null);
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(json(missing)).containsEntry("message", "No API key found in request").containsKey("request_id");
    assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Key");
    HttpResponse<String> bad = gw.proxy("GET", p + "/x", null, "apikey", "nope");
    assertThat(json(bad)).containsEntry("message", "Unauthorized");
    assertThat(bad.headers().firstValue("WWW-Authenticate")).hasValue("Key");
    Map<String, List<String>> h = upstream(gw.proxy("GET", p + "/x", null, "apikey", "alice-key",
        "X-Consumer-Custom-ID", "forged", "X-Anonymous-Consumer", "true"));
    assertThat(h).containsEntry("x-consumer-username", List.of("alice"))
        .containsEntry("x-consumer-custom-id", List.of("alice-42"))
        .containsKey("x-consumer-id").containsKey("x-credential-identifier")
        .doesNotContainKey("x-anonymous-consumer")
        .containsEntry("apikey", List.of("alice-key"));
    assertThat(upstream(gw.proxy("GET", p + "/x?apikey=alice-key", null))).containsKey("x-consumer-id");
    assertThat(upstream(gw.proxy("GET", p + "/x", null, "Authorization", "Bearer alice-key")))
        .containsEntry("authorization", List.of("Bearer alice-key"));
  }

  @Test
  void realm() {
    String p = route("config.realm=llm");
    assertThat(gw.proxy("GET", p + "/x", null).headers().firstValue("WWW-Authenticate")).hasValue("Key realm=\"llm\"");
    assertThat(gw.proxy("GET", p + "/x", null, "apikey", "bad").headers().firstValue("WWW-Authenticate"))
        .hasValue("Key realm=\"llm\"");
  }

  @Test
  void keyNamesAndSourceSwitches() {
    String names = route("config.key_names=x-api-key&config.key_names=api_key");
    assertThat(upstream(gw.proxy("GET", names + "/x", null, "X-API-KEY", "alice-key"))).containsKey("x-consumer-id");
    assertThat(upstream(gw.proxy("GET", names + "/x?api_key=alice-key", null))).containsKey("x-consumer-id");
    assertThat(gw.proxy("GET", names + "/x", null, "apikey", "alice-key").statusCode()).isEqualTo(401);
    String noHeader = route("config.key_in_header=false&config.key_in_bearer=false");
    assertThat(gw.proxy("GET", noHeader + "/x", null, "apikey", "alice-key").statusCode()).isEqualTo(401);
    assertThat(gw.proxy("GET", noHeader + "/x", null, "Authorization", "Bearer alice-key").statusCode()).isEqualTo(401);
    assertThat(gw.proxy("GET", noHeader + "/x?apikey=alice-key", null).statusCode()).isEqualTo(200);
    String noQuery = route("config.key_in_query=false");
    assertThat(gw.proxy("GET", noQuery + "/x?apikey=alice-key", null).statusCode()).isEqualTo(401);
  }

  @Test
  void duplicatesAreRefusedButSourcesDoNotCollide() {
    String p = route("");
    HttpResponse<String> dup = gw.proxy("GET", p + "/x?apikey=a&apikey=b", null);
    assertThat(json(dup)).containsEntry("message", "Duplicate API key found");
    assertThat(gw.proxy("GET", p + "/x?apikey=nope", null, "apikey", "alice-key").statusCode()).isEqualTo(200);
  }

  @Test
  void hideCredentialsInEverySource() {
    String p = route("config.hide_credentials=true");
    HttpResponse<String> r = gw.proxy("GET", p + "/x?apikey=alice-key&keep=1", null, "apikey", "alice-key",
        "Authorization", "Bearer alice-key");
    Map<String, List<String>> h = upstream(r);
    assertThat(h).doesNotContainKey("apikey").doesNotContainKey("authorization");
    assertThat(json(r)).containsEntry("query", "keep=1");
    assertThat(r.body()).doesNotContain("alice-key");
    HttpResponse<String> vllmKey = gw.proxy("GET", p + "/x", null, "apikey", "alice-key",
        "Authorization", "Bearer vllm-own-key");
    assertThat(upstream(vllmKey)).containsEntry("authorization", List.of("Bearer vllm-own-key"));
    HttpResponse<String> bearerOnly = gw.proxy("POST", p + "/v1/chat/completions", "{\"model\":\"m\"}",
        "Authorization", "Bearer alice-key", "Content-Type", "application/json");
    assertThat(upstream(bearerOnly)).doesNotContainKey("authorization").containsKey("x-consumer-id");
  }

  @Test
  void keyInBodyForJsonFormAndMultipart() throws Exception {
    String p = route("config.key_in_body=true&config.hide_credentials=true");
    HttpResponse<String> jsonBody = gw.proxy("POST", p + "/v1/chat/completions",
        "{\"model\":\"m\",\"apikey\":\"alice-key\"}", "Content-Type", "application/json");
    assertThat(upstream(jsonBody)).containsKey("x-consumer-id");
    assertThat(json(jsonBody)).containsEntry("body_sha256", sha256("{\"model\":\"m\"}"));
    HttpResponse<String> form = gw.proxy("POST", p + "/x", "a=1&apikey=alice-key",
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(json(form)).containsEntry("body_sha256", sha256("a=1")).containsEntry("body_length", 3L);
    String multipart = "--b1\r\nContent-Disposition: form-data; name=\"apikey\"\r\n\r\nalice-key\r\n"
        + "--b1\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b1--\r\n";
    HttpResponse<String> mp = gw.proxy("POST", p + "/x", multipart, "Content-Type", "multipart/form-data; boundary=b1");
    assertThat(json(mp)).containsEntry("body_sha256",
        sha256("--b1\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b1--\r\n"));
    String kept = route("config.key_in_body=true");
    HttpResponse<String> unchanged = gw.proxy("POST", kept + "/x", "{\"apikey\":\"alice-key\"}",
        "Content-Type", "application/json");
    assertThat(json(unchanged)).containsEntry("body_sha256", sha256("{\"apikey\":\"alice-key\"}"));
    String off = route("");
    assertThat(gw.proxy("POST", off + "/x", "{\"apikey\":\"alice-key\"}", "Content-Type", "application/json")
        .statusCode()).isEqualTo(401);
  }

  @Test
  void anonymousConsumer() {
    String p = route("config.anonymous=guest");
    Map<String, List<String>> h = upstream(gw.proxy("GET", p + "/x", null, "X-Credential-Identifier", "forged"));
    assertThat(h).containsEntry("x-anonymous-consumer", List.of("true"))
        .containsEntry("x-consumer-username", List.of("guest"))
        .doesNotContainKey("x-credential-identifier");
    assertThat(upstream(gw.proxy("GET", p + "/x", null, "apikey", "alice-key")))
        .containsEntry("x-consumer-username", List.of("alice")).doesNotContainKey("x-anonymous-consumer");
    String missing = route("config.anonymous=nobody-here");
    HttpResponse<String> r = gw.proxy("GET", missing + "/x", null);
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(json(r)).containsEntry("message", "An unexpected error occurred");
  }

  @Test
  void runOnPreflight() {
    String always = route("");
    assertThat(gw.proxy("OPTIONS", always + "/x", null).statusCode()).isEqualTo(401);
    String skip = route("config.run_on_preflight=false");
    assertThat(upstream(gw.proxy("OPTIONS", skip + "/x", null, "X-Consumer-ID", "forged")))
        .doesNotContainKey("x-consumer-id");
    assertThat(gw.proxy("GET", skip + "/x", null).statusCode()).isEqualTo(401);
  }

  @Test
  void expiringCredentials() {
    String p = route("");
    gw.adminForm("POST", "/consumers/alice/key-auth", "key=short-lived&ttl=60");
    assertThat(gw.proxy("GET", p + "/x", null, "apikey", "short-lived").statusCode()).isEqualTo(200);
    CLOCK.set(Instant.parse("2025-03-01T10:01:01Z"));
    try {
      assertThat(gw.proxy("GET", p + "/x", null, "apikey", "short-lived").statusCode()).isEqualTo(401);
    } finally {
      CLOCK.set(Instant.parse("2025-03-01T10:00:00Z"));
    }
  }
}
