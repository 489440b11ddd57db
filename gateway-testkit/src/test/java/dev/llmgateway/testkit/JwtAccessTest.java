package dev.llmgateway.testkit;

import static dev.llmgateway.internal.plugins.jwt.JwtTokens.b64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.plugins.jwt.JwtTokens;
import dev.llmgateway.internal.json.Json;
import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.plugin.Verdict;
import dev.llmgateway.internal.plugins.jwt.JwtType;
import dev.llmgateway.schema.Schema;
import dev.llmgateway.undertow.embed.PluginScope;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * jwt's access phase through a real gateway (jwt on a clock fixed at {@link #NOW}): every algorithm, every claim
 * check and every one of Kong's 401 messages, and what the upstream receives. Moved from gateway-core's test
 * against the hand-written TestExchange.
 */
class JwtAccessTest {
  static final long NOW = 1_700_000_000L;

  /** The config of the probe plugin: none. */
  record NoConfig() {}

  /** Runs after jwt and shows the token jwt kept for later plugins in an upstream header. */
  static final class TokenProbeType implements PluginType<NoConfig> {
    @Override
    public String name() {
      return "token-probe";
    }

    @Override
    public int priority() {
      return 1;
    }

    @Override
    public Schema configSchema() {
      return Schema.of("token-probe");
    }

    @Override
    public Class<NoConfig> configType() {
      return NoConfig.class;
    }

    @Override
    public Plugin create(PluginSetup<NoConfig> setup) {
      return new Plugin() {
        @Override
        public Verdict access(AccessContext ctx) {
          String token = ctx.get(JwtType.AUTHENTICATED_TOKEN);
          if (token != null) {
            ctx.upstream().headers().set("X-Probe-Token", token);
          }
          return Verdict.proceed();
        }
      };
    }
  }

  @RegisterExtension
  final GatewayExtension gw = GatewayExtension.withPlugins(
      new JwtType(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC)), new TokenProbeType());

  private void secret(String key, String algorithm, String secret, String publicKey) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("consumer", Map.of("username", "alice"));
    fields.put("key", key);
    fields.put("algorithm", algorithm);
    if (secret != null) {
      fields.put("secret", secret);
    }
    if (publicKey != null) {
      fields.put("rsa_public_key", publicKey);
    }
    gw.entities().create("jwt_secrets", fields);
  }

  /** jwt with {@code config} on {@code /v1} (and the token probe after it); consumers alice and guest. */
  private void jwt(Map<String, Object> config) {
    String route = gw.route("/v1", "jwt", config);
    gw.entities().apply(tx -> {
      tx.addPlugin("token-probe", PluginScope.route(route), Map.of());
      tx.create("consumers", Map.of("username", "alice", "custom_id", "alice-custom"));
      return tx.addConsumer("guest");
    });
  }

  private HttpResponse<String> bearer(String token) throws Exception {
    return gw.get("/v1/chat", "Authorization", "Bearer " + token);
  }

  private static boolean proceeded(HttpResponse<String> r) {
    return r.statusCode() == 200;
  }

  private String upstreamHeader(String name) {
    return gw.upstream().last().header(name);
  }

  private static Object body(HttpResponse<String> r) {
    return Json.parse(r.body());
  }

  private static void refused(HttpResponse<String> r, Object body, String challenge) {
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(body(r)).isEqualTo(body);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue(challenge);
  }

  private static final String INVALID = "Bearer error=\"invalid_token\"";

  @Test
  void everyAlgorithmVerifiesWithTheJdk() throws Exception {
    jwt(Map.of());
    secret("hs256", "HS256", "s256", null);
    secret("hs384", "HS384", "s384", null);
    secret("hs512", "HS512", "s512", null);
    assertThat(proceeded(bearer(JwtTokens.hs("HS256", "s256".getBytes(), "{\"iss\":\"hs256\"}")))).isTrue();
    assertThat(proceeded(bearer(JwtTokens.hs("HS384", "s384".getBytes(), "{\"iss\":\"hs384\"}")))).isTrue();
    assertThat(proceeded(bearer(JwtTokens.hs("HS512", "s512".getBytes(), "{\"iss\":\"hs512\"}")))).isTrue();
    Map<String, KeyPair> pairs = Map.of("RS256", JwtTokens.rsaA(), "RS384", JwtTokens.rsaA(),
        "RS512", JwtTokens.rsaA(), "ES256", JwtTokens.ec("secp256r1"), "ES384", JwtTokens.ec("secp384r1"),
        "ES512", JwtTokens.ec("secp521r1"), "PS256", JwtTokens.rsaA(), "EdDSA", JwtTokens.ed25519());
    for (Map.Entry<String, KeyPair> e : pairs.entrySet()) {
      String alg = e.getKey();
      secret(alg.toLowerCase(), alg, null, JwtTokens.pem(e.getValue()));
      String claims = "{\"iss\":\"" + alg.toLowerCase() + "\"}";
      HttpResponse<String> ok = bearer(JwtTokens.sign(alg, e.getValue().getPrivate(), claims));
      assertThat(proceeded(ok)).as(alg).isTrue();
      assertThat(upstreamHeader("X-Credential-Identifier")).isEqualTo(alg.toLowerCase());
      KeyPair other = alg.startsWith("ES") ? JwtTokens.ec(alg.equals("ES256") ? "secp256r1"
          : alg.equals("ES384") ? "secp384r1" : "secp521r1")
          : alg.equals("EdDSA") ? JwtTokens.ed25519() : JwtTokens.rsaB();
      refused(bearer(JwtTokens.sign(alg, other.getPrivate(), claims)), Map.of("message", "Invalid signature"), INVALID);
    }
  }

  @Test
  void esSignaturesAreRawRAndSOfTheRightSize() throws Exception {
    jwt(Map.of());
    KeyPair pair = JwtTokens.ec("secp256r1");
    secret("es", "ES256", null, JwtTokens.pem(pair));
    String token = JwtTokens.sign("ES256", pair.getPrivate(), "{\"iss\":\"es\"}");
    String[] parts = token.split("\\.");
    assertThat(java.util.Base64.getUrlDecoder().decode(parts[2])).hasSize(64);
    // A DER-encoded ECDSA signature (what the JDK's plain SHA256withECDSA gives) is not a JWS signature: Kong
    // asserts the 64-byte size and fails with a 500.
    java.security.Signature der = java.security.Signature.getInstance("SHA256withECDSA");
    der.initSign(pair.getPrivate());
    der.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    HttpResponse<String> wrongSize = bearer(parts[0] + "." + parts[1] + "." + b64(der.sign()));
    assertThat(wrongSize.statusCode()).isEqualTo(500);
    assertThat(body(wrongSize)).isEqualTo(Map.of("message", "An unexpected error occurred"));
  }

  @Test
  void kongsMessagesInKongsOrder() throws Exception {
    jwt(Map.of());
    secret("k1", "HS256", "secret1", null);
    secret("empty", "HS384", "x", null);
    refused(gw.get("/v1/chat"), Map.of("message", "Unauthorized"), "Bearer");
    refused(gw.get("/v1/chat?jwt=a.b.c", "Authorization", "Bearer x.y.z"),
        Map.of("message", "Multiple tokens provided"), INVALID);
    assertThat(proceeded(gw.get("/v1/chat?jwt=" + JwtTokens.hs256("secret1", "{\"iss\":\"k1\"}"),
        "Authorization", "Bearer " + JwtTokens.hs256("secret1", "{\"iss\":\"k1\"}"))))
        .as("the same token twice is one token").isTrue();
    refused(bearer("only.two"), Map.of("message", "Bad token; invalid JSON"), INVALID);
    refused(bearer("notjson.notjson.sig"), Map.of("message", "Bad token; invalid JSON"), INVALID);
    refused(bearer(b64("{\"alg\":\"none\"}") + "." + b64("{}") + ".x"), Map.of("message", "Bad token; invalid alg"),
        INVALID);
    refused(bearer(b64("{\"typ\":\"JWT\"}") + "." + b64("{}") + ".x"), Map.of("message", "Bad token; invalid alg"),
        INVALID);
    refused(bearer(JwtTokens.hs256("secret1", "{\"sub\":\"x\"}")), Map.of("message", "No mandatory 'iss' in claims"),
        INVALID);
    refused(bearer(JwtTokens.hs256("secret1", "{\"iss\":\"\"}")), Map.of("message", "Invalid 'iss' in claims"),
        INVALID);
    refused(bearer(JwtTokens.hs256("secret1", "{\"iss\":\"nobody\"}")),
        Map.of("message", "No credentials found for given 'iss'"), INVALID);
    refused(bearer(JwtTokens.hs256("x", "{\"iss\":\"empty\"}")), Map.of("message", "Invalid algorithm"), INVALID);
    refused(bearer(JwtTokens.hs256("wrong", "{\"iss\":\"k1\"}")), Map.of("message", "Invalid signature"), INVALID);
    String headerKey = b64("{\"alg\":\"HS256\",\"iss\":\"k1\"}") + "." + b64("{}");
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec("secret1".getBytes(), "HmacSHA256"));
    assertThat(proceeded(bearer(headerKey + "." + b64(mac.doFinal(headerKey.getBytes())))))
        .as("the key claim may sit in the header").isTrue();
    HttpResponse<String> ok = bearer(JwtTokens.hs256("secret1", "{\"iss\":\"k1\"}"));
    assertThat(proceeded(ok)).isTrue();
    assertThat(upstreamHeader("X-Consumer-Username")).isEqualTo("alice");
    assertThat(upstreamHeader("X-Consumer-Custom-ID")).isEqualTo("alice-custom");
    assertThat(upstreamHeader("X-Credential-Identifier")).isEqualTo("k1");
    assertThat(upstreamHeader("X-Probe-Token")).isEqualTo(JwtTokens.hs256("secret1",
        "{\"iss\":\"k1\"}"));
  }

  @Test
  void claimsToVerifyAndMaximumExpiration() throws Exception {
    jwt(Map.of("claims_to_verify", List.of("exp", "nbf"), "maximum_expiration", 100L));
    secret("k1", "HS256", "secret1", null);
    String iss = "\"iss\":\"k1\"";
    assertThat(proceeded(bearer(JwtTokens.hs256("secret1",
        "{" + iss + ",\"exp\":" + (NOW + 50) + ",\"nbf\":" + NOW + "}")))).isTrue();
    refused(bearer(JwtTokens.hs256("secret1", "{" + iss + ",\"exp\":" + NOW + ",\"nbf\":" + NOW + "}")),
        Map.of("exp", "token expired"), INVALID);
    refused(bearer(JwtTokens.hs256("secret1", "{" + iss + ",\"exp\":" + (NOW + 50) + ",\"nbf\":" + (NOW + 1) + "}")),
        Map.of("nbf", "token not valid yet"), INVALID);
    refused(bearer(JwtTokens.hs256("secret1", "{" + iss + ",\"exp\":\"soon\",\"nbf\":\"x\"}")),
        Map.of("exp", "must be a number", "nbf", "must be a number"), INVALID);
    refused(bearer(JwtTokens.hs256("secret1", "{" + iss + ",\"exp\":" + (NOW + 101) + ",\"nbf\":" + NOW + "}")),
        Map.of("exp", "exceeds maximum allowed expiration"), INVALID);
  }

  @Test
  void secretIsBase64AndKeyClaimName() throws Exception {
    jwt(Map.of("secret_is_base64", true, "key_claim_name", "kid"));
    byte[] raw = {1, 2, 3, (byte) 0xfe, (byte) 0xff};
    secret("k1", "HS256", b64(raw), null);
    secret("bad", "HS256", "***", null);
    assertThat(proceeded(bearer(JwtTokens.hs("HS256", raw, "{\"kid\":\"k1\"}")))).isTrue();
    refused(bearer(JwtTokens.hs("HS256", raw, "{\"iss\":\"k1\"}")), Map.of("message", "No mandatory 'kid' in claims"),
        INVALID);
    refused(bearer(JwtTokens.hs256("***", "{\"kid\":\"bad\"}")), Map.of("message", "Invalid key/secret"), INVALID);
  }

  @Test
  void publicKeysParsedWhenTheIndexIsBuiltServeBothKeyForms() throws Exception {
    jwt(Map.of());
    gw.route("/b64", "jwt", Map.of("secret_is_base64", true));
    KeyPair pair = JwtTokens.rsaA();
    secret("rs", "RS256", null, JwtTokens.pem(pair));
    String token = JwtTokens.sign("RS256", pair.getPrivate(), "{\"iss\":\"rs\"}");
    for (int i = 0; i < 3; i++) {
      assertThat(proceeded(bearer(token))).as("request %d on the key parsed once", i).isTrue();
    }
    refused(bearer(JwtTokens.sign("RS256", JwtTokens.rsaB().getPrivate(), "{\"iss\":\"rs\"}")),
        Map.of("message", "Invalid signature"), INVALID);
    // With secret_is_base64 the PEM text is decoded first, and PEM is not base64url: Kong's "Invalid key/secret".
    refused(gw.get("/b64/chat", "Authorization", "Bearer " + token), Map.of("message", "Invalid key/secret"),
        INVALID);
  }

  @Test
  void anonymousAndRealm() throws Exception {
    jwt(Map.of("anonymous", "guest", "realm", "llm"));
    HttpResponse<String> o = bearer("x.y.z");
    assertThat(proceeded(o)).isTrue();
    assertThat(upstreamHeader("X-Consumer-Username")).isEqualTo("guest");
    assertThat(upstreamHeader("X-Anonymous-Consumer")).isEqualTo("true");
  }

  @Test
  void realmInBothChallenges() throws Exception {
    jwt(Map.of("realm", "llm"));
    refused(gw.get("/v1/chat"), Map.of("message", "Unauthorized"), "Bearer realm=\"llm\"");
    refused(bearer("x.y"), Map.of("message", "Bad token; invalid JSON"), "Bearer realm=\"llm\", error=\"invalid_token\"");
  }
}
