package dev.llmgateway.undertow.internal.plugins;

import static dev.llmgateway.undertow.internal.plugins.StackGateway.json;
import static dev.llmgateway.undertow.internal.plugins.StackGateway.upstreamHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.plugins.jwt.JwtTokens;
import dev.llmgateway.internal.plugins.jwt.JwtType;
import dev.llmgateway.internal.plugins.testing.MutableClock;
import dev.llmgateway.undertow.embed.AccessLogOptions;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** jwt through a real gateway: its Admin API endpoints, each config field and scope, Kong's 401 bodies. */
class JwtProxyTest {
  private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
  private static final long NOW = START.getEpochSecond();
  private static final MutableClock CLOCK = new MutableClock(START);
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static StackGateway gw;
  private static String token;

  @BeforeAll
  static void start() throws Exception {
    gw = StackGateway.start(CLOCK, AccessLogOptions.off(), List.of(new JwtType(CLOCK)));
    gw.adminForm("POST", "/consumers", "username=alice");
    gw.adminForm("POST", "/consumers/alice/jwt", "key=alice-iss&secret=alice-secret");
    gw.adminForm("POST", "/consumers", "username=guest");
    token = JwtTokens.hs256("alice-secret", "{\"iss\":\"alice-iss\",\"exp\":" + (NOW + 60) + "}");
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  private static String route(String form) {
    String name = "jw" + NEXT.incrementAndGet();
    gw.adminForm("POST", "/services", "name=" + name + "&url=" + gw.vllm.url());
    gw.adminForm("POST", "/services/" + name + "/routes", "name=" + name + "&paths[]=/" + name);
    gw.adminForm("POST", "/routes/" + name + "/plugins", "name=jwt" + (form.isEmpty() ? "" : "&" + form));
    return "/" + name;
  }

  private static Map<String, List<String>> upstream(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return upstreamHeaders(r);
  }

  private static void refused(HttpResponse<String> r, String body, String challenge) {
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).isEqualTo(body);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue(challenge);
  }

  @Test
  void adminApiEndpoints() throws Exception {
    HttpResponse<String> generated = gw.admin("POST", "/consumers/alice/jwt", "{}", "Content-Type", "application/json");
    assertThat(generated.statusCode()).isEqualTo(201);
    Map<String, Object> row = json(generated);
    assertThat((String) row.get("key")).hasSize(32);
    assertThat((String) row.get("secret")).hasSize(32);
    assertThat(row).containsEntry("algorithm", "HS256");
    assertThat(json(gw.admin("GET", "/jwts/alice-iss", null))).containsEntry("secret", "alice-secret");
    assertThat(json(gw.admin("GET", "/consumers/alice/jwt/alice-iss", null))).containsEntry("key", "alice-iss");
    assertThat(json(gw.admin("GET", "/jwts/alice-iss/consumer", null))).containsEntry("username", "alice");
    assertThat(gw.admin("GET", "/jwts", null).body()).contains("alice-iss").contains((String) row.get("key"));
    HttpResponse<String> noKey = gw.admin("POST", "/consumers/alice/jwt", "algorithm=RS256",
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(noKey.statusCode()).isEqualTo(400);
    assertThat(json(noKey).get("fields")).isEqualTo(Map.of("rsa_public_key", "required field missing",
        "@entity", List.of("failed conditional validation given value of field 'algorithm'")));
    HttpResponse<String> badKey = gw.admin("POST", "/consumers/alice/jwt", "algorithm=RS256&rsa_public_key=xyz",
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(json(badKey).get("fields")).isEqualTo(Map.of("rsa_public_key", "invalid key",
        "@entity", List.of("failed conditional validation given value of field 'algorithm'")));
    HttpResponse<String> dup = gw.admin("POST", "/consumers/guest/jwt", "key=alice-iss",
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(dup.statusCode()).isEqualTo(409);
    HttpResponse<String> put = gw.admin("PUT", "/jwts/some-key", "{}", "Content-Type", "application/json");
    assertThat(json(put)).containsEntry("message", "schema violation (consumer: required field missing)");
    assertThat(gw.admin("DELETE", "/jwts/" + row.get("key"), null).statusCode()).isEqualTo(204);
  }

  @Test
  void rs256AndEs256KeysThroughTheAdminApi() throws Exception {
    gw.adminForm("POST", "/consumers", "username=rsa-user");
    KeyPair rsa = JwtTokens.rsaA();
    KeyPair ec = JwtTokens.ec("secp256r1");
    gw.adminForm("POST", "/consumers/rsa-user/jwt", "key=rsa-iss&algorithm=RS256&rsa_public_key="
        + URLEncoder.encode(JwtTokens.pem(rsa), StandardCharsets.UTF_8));
    gw.adminForm("POST", "/consumers/rsa-user/jwt", "key=ec-iss&algorithm=ES256&rsa_public_key="
        + URLEncoder.encode(JwtTokens.pem(ec), StandardCharsets.UTF_8));
    String p = route("");
    assertThat(upstream(gw.proxy("GET", p + "/x", null, "Authorization",
        "Bearer " + JwtTokens.sign("RS256", rsa.getPrivate(), "{\"iss\":\"rsa-iss\"}"))))
        .containsEntry("x-consumer-username", List.of("rsa-user"));
    assertThat(upstream(gw.proxy("GET", p + "/x", null, "Authorization",
        "Bearer " + JwtTokens.sign("ES256", ec.getPrivate(), "{\"iss\":\"ec-iss\"}"))))
        .containsEntry("x-credential-identifier", List.of("ec-iss"));
    refused(gw.proxy("GET", p + "/x", null, "Authorization",
        "Bearer " + JwtTokens.sign("RS256", JwtTokens.rsaB().getPrivate(), "{\"iss\":\"rsa-iss\"}")),
        "{\"message\":\"Invalid signature\"}", "Bearer error=\"invalid_token\"");
  }

  @Test
  void defaultsReadTheQueryAndTheAuthorizationHeader() {
    String p = route("");
    refused(gw.proxy("GET", p + "/x", null), "{\"message\":\"Unauthorized\"}", "Bearer");
    Map<String, List<String>> h = upstream(gw.proxy("GET", p + "/x", null, "Authorization", "Bearer " + token,
        "X-Anonymous-Consumer", "true"));
    assertThat(h).containsEntry("x-consumer-username", List.of("alice"))
        .containsEntry("x-credential-identifier", List.of("alice-iss")).doesNotContainKey("x-anonymous-consumer")
        .containsEntry("authorization", List.of("Bearer " + token));
    assertThat(upstream(gw.proxy("GET", p + "/x?jwt=" + token, null))).containsKey("x-consumer-id");
    refused(gw.proxy("GET", p + "/x", null, "Authorization", "Bearer nope"),
        "{\"message\":\"Bad token; invalid JSON\"}", "Bearer error=\"invalid_token\"");
    refused(gw.proxy("GET", p + "/x?jwt=a.b.c", null, "Authorization", "Bearer " + token),
        "{\"message\":\"Multiple tokens provided\"}", "Bearer error=\"invalid_token\"");
  }

  @Test
  void uriParamCookieAndHeaderNames() {
    String p = route("config.uri_param_names=token&config.cookie_names=session&config.header_names=x-jwt");
    assertThat(upstream(gw.proxy("GET", p + "/x?token=" + token, null))).containsKey("x-consumer-id");
    assertThat(upstream(gw.proxy("GET", p + "/x", null, "Cookie", "a=1; session=" + token))).containsKey("x-consumer-id");
    assertThat(upstream(gw.proxy("GET", p + "/x", null, "X-JWT", "Bearer " + token))).containsKey("x-consumer-id");
    assertThat(gw.proxy("GET", p + "/x?jwt=" + token, null).statusCode()).isEqualTo(401);
    assertThat(gw.proxy("GET", p + "/x", null, "Authorization", "Bearer " + token).statusCode()).isEqualTo(401);
  }

  @Test
  void claimsToVerifyMaximumExpirationAndClock() {
    String p = route("config.claims_to_verify=exp&config.maximum_expiration=120");
    assertThat(gw.proxy("GET", p + "/x", null, "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
    String far = tokenWith("\"exp\":" + (NOW + 121));
    refused(gw.proxy("GET", p + "/x", null, "Authorization", "Bearer " + far),
        "{\"exp\":\"exceeds maximum allowed expiration\"}", "Bearer error=\"invalid_token\"");
    String noExp = tokenWith("\"sub\":\"x\"");
    refused(gw.proxy("GET", p + "/x", null, "Authorization", "Bearer " + noExp),
        "{\"exp\":\"must be a number\"}", "Bearer error=\"invalid_token\"");
    String q = route("config.claims_to_verify=nbf");
    String later = tokenWith("\"nbf\":" + (NOW + 30));
    refused(gw.proxy("GET", q + "/x", null, "Authorization", "Bearer " + later),
        "{\"nbf\":\"token not valid yet\"}", "Bearer error=\"invalid_token\"");
    HttpResponse<String> bad = gw.admin("POST", "/plugins", "name=jwt&config.maximum_expiration=5",
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(bad.statusCode()).isEqualTo(201);
    gw.admin("DELETE", "/plugins/" + json(bad).get("id"), null);
    HttpResponse<String> refusedConfig = gw.admin("POST", "/plugins",
        "name=jwt&config.maximum_expiration=5&config.claims_to_verify=nbf",
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(refusedConfig.statusCode()).isEqualTo(400);
    assertThat(json(refusedConfig).get("fields")).isEqualTo(Map.of(
        "config", Map.of("claims_to_verify", "expected to contain: exp"),
        "@entity", List.of("failed conditional validation given value of field 'config.maximum_expiration'")));
  }

  private static String tokenWith(String claims) {
    try {
      return JwtTokens.hs256("alice-secret", "{\"iss\":\"alice-iss\"," + claims + "}");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void keyClaimNameAndSecretIsBase64() throws Exception {
    gw.adminForm("POST", "/consumers", "username=b64");
    gw.adminForm("POST", "/consumers/b64/jwt", "key=b64-kid&secret=" + JwtTokens.b64(new byte[] {9, 8, 7, -1}));
    String p = route("config.key_claim_name=kid&config.secret_is_base64=true");
    String t = JwtTokens.hs("HS256", new byte[] {9, 8, 7, -1}, "{\"kid\":\"b64-kid\"}");
    assertThat(upstream(gw.proxy("GET", p + "/x", null, "Authorization", "Bearer " + t)))
        .containsEntry("x-consumer-username", List.of("b64"));
    refused(gw.proxy("GET", p + "/x", null, "Authorization", "Bearer " + token),
        "{\"message\":\"No mandatory 'kid' in claims\"}", "Bearer error=\"invalid_token\"");
  }

  @Test
  void runOnPreflightAnonymousAndRealm() {
    String p = route("config.run_on_preflight=false&config.realm=llm");
    assertThat(gw.proxy("OPTIONS", p + "/x", null).statusCode()).isEqualTo(200);
    refused(gw.proxy("GET", p + "/x", null), "{\"message\":\"Unauthorized\"}", "Bearer realm=\"llm\"");
    String strict = route("");
    assertThat(gw.proxy("OPTIONS", strict + "/x", null).statusCode()).isEqualTo(401);
    String anon = route("config.anonymous=guest");
    assertThat(upstream(gw.proxy("GET", anon + "/x", null))).containsEntry("x-consumer-username", List.of("guest"))
        .containsEntry("x-anonymous-consumer", List.of("true"));
    String missing = route("config.anonymous=ghost");
    HttpResponse<String> r = gw.proxy("GET", missing + "/x", null);
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(json(r)).containsEntry("message", "anonymous consumer ghost is configured but doesn't exist");
  }

  @Test
  void serviceAndGlobalScopes() {
    String name = "jwscope";
    gw.adminForm("POST", "/services", "name=" + name + "&url=" + gw.vllm.url());
    gw.adminForm("POST", "/services/" + name + "/routes", "name=" + name + "&paths[]=/" + name);
    gw.adminForm("POST", "/services/" + name + "/plugins", "name=jwt");
    assertThat(gw.proxy("GET", "/" + name + "/x", null).statusCode()).isEqualTo(401);
    assertThat(gw.proxy("GET", "/" + name + "/x", null, "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
    String open = "jwopen";
    gw.adminForm("POST", "/services", "name=" + open + "&url=" + gw.vllm.url());
    gw.adminForm("POST", "/services/" + open + "/routes", "name=" + open + "&paths[]=/" + open);
    assertThat(gw.proxy("GET", "/" + open + "/x", null).statusCode()).isEqualTo(200);
    String id = (String) json(gw.adminForm("POST", "/plugins", "name=jwt")).get("id");
    try {
      assertThat(gw.proxy("GET", "/" + open + "/x", null).statusCode()).isEqualTo(401);
    } finally {
      gw.admin("DELETE", "/plugins/" + id, null);
    }
    HttpResponse<String> consumerScoped = gw.admin("POST", "/consumers/alice/plugins", "name=jwt",
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(consumerScoped.statusCode()).isEqualTo(400);
  }
}
