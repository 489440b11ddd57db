package dev.llmgateway.plugins.jwt;

import static dev.llmgateway.plugins.jwt.JwtTokens.b64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.entity.Consumer;
import dev.llmgateway.json.Json;
import dev.llmgateway.plugins.testing.TestGateway;
import dev.llmgateway.plugins.testing.TestGateway.Outcome;
import dev.llmgateway.plugins.testing.TestRequest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** jwt's access phase on every algorithm, every claim check and every one of Kong's 401 messages. */
class JwtAccessTest {
  static final long NOW = 1_700_000_000L;
  private TestGateway gw;

  @BeforeEach
  void setUp() {
    gw = new TestGateway(new JwtType(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC)));
    gw.service("llm", "http://127.0.0.1:9");
    gw.route("r", "/v1", "llm");
    gw.consumer("alice", "alice-custom");
    gw.consumer("guest");
  }

  private void secret(String key, String algorithm, String secret, String publicKey) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("consumer", Map.of("id", gw.id(Consumer.TYPE, "alice").toString()));
    fields.put("key", key);
    fields.put("algorithm", algorithm);
    if (secret != null) {
      fields.put("secret", secret);
    }
    if (publicKey != null) {
      fields.put("rsa_public_key", publicKey);
    }
    gw.add(JwtSecret.TYPE, fields);
  }

  private void jwt(Map<String, Object> config) {
    gw.plugin("jwt", config, Map.of("service", "llm"));
  }

  private Outcome bearer(String token) {
    return gw.run("r", TestRequest.get("/v1/chat").header("Authorization", "Bearer " + token));
  }

  private static Object body(Outcome o) {
    return Json.parse(new String(o.verdict().body(), StandardCharsets.UTF_8));
  }

  private static void refused(Outcome o, Object body, String challenge) {
    assertThat(o.status()).isEqualTo(401);
    assertThat(body(o)).isEqualTo(body);
    assertThat(o.verdict().contentType()).isEqualTo("application/json; charset=utf-8");
    assertThat(o.header("WWW-Authenticate")).isEqualTo(challenge);
  }

  private static final String INVALID = "Bearer error=\"invalid_token\"";

  @Test
  void everyAlgorithmVerifiesWithTheJdk() throws Exception {
    jwt(Map.of());
    secret("hs256", "HS256", "s256", null);
    secret("hs384", "HS384", "s384", null);
    secret("hs512", "HS512", "s512", null);
    assertThat(bearer(JwtTokens.hs("HS256", "s256".getBytes(), "{\"iss\":\"hs256\"}")).proceeded()).isTrue();
    assertThat(bearer(JwtTokens.hs("HS384", "s384".getBytes(), "{\"iss\":\"hs384\"}")).proceeded()).isTrue();
    assertThat(bearer(JwtTokens.hs("HS512", "s512".getBytes(), "{\"iss\":\"hs512\"}")).proceeded()).isTrue();
    Map<String, KeyPair> pairs = Map.of("RS256", JwtTokens.rsaA(), "RS384", JwtTokens.rsaA(),
        "RS512", JwtTokens.rsaA(), "ES256", JwtTokens.ec("secp256r1"), "ES384", JwtTokens.ec("secp384r1"),
        "ES512", JwtTokens.ec("secp521r1"), "PS256", JwtTokens.rsaA(), "EdDSA", JwtTokens.ed25519());
    for (Map.Entry<String, KeyPair> e : pairs.entrySet()) {
      String alg = e.getKey();
      secret(alg.toLowerCase(), alg, null, JwtTokens.pem(e.getValue()));
      String claims = "{\"iss\":\"" + alg.toLowerCase() + "\"}";
      Outcome ok = bearer(JwtTokens.sign(alg, e.getValue().getPrivate(), claims));
      assertThat(ok.proceeded()).as(alg).isTrue();
      assertThat(ok.exchange().upstreamHeaders().first("X-Credential-Identifier")).isEqualTo(alg.toLowerCase());
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
    Outcome wrongSize = bearer(parts[0] + "." + parts[1] + "." + b64(der.sign()));
    assertThat(wrongSize.status()).isEqualTo(500);
    assertThat(body(wrongSize)).isEqualTo(Map.of("message", "An unexpected error occurred"));
  }

  @Test
  void kongsMessagesInKongsOrder() throws Exception {
    jwt(Map.of());
    secret("k1", "HS256", "secret1", null);
    secret("empty", "HS384", "x", null);
    refused(gw.run("r", TestRequest.get("/v1/chat")), Map.of("message", "Unauthorized"), "Bearer");
    refused(gw.run("r", TestRequest.get("/v1/chat?jwt=a.b.c").header("Authorization", "Bearer x.y.z")),
        Map.of("message", "Multiple tokens provided"), INVALID);
    assertThat(gw.run("r", TestRequest.get("/v1/chat?jwt=" + JwtTokens.hs256("secret1", "{\"iss\":\"k1\"}"))
        .header("Authorization", "Bearer " + JwtTokens.hs256("secret1", "{\"iss\":\"k1\"}"))).proceeded())
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
    assertThat(bearer(headerKey + "." + b64(mac.doFinal(headerKey.getBytes()))).proceeded())
        .as("the key claim may sit in the header").isTrue();
    Outcome ok = bearer(JwtTokens.hs256("secret1", "{\"iss\":\"k1\"}"));
    assertThat(ok.proceeded()).isTrue();
    assertThat(ok.exchange().upstreamHeaders().first("X-Consumer-Username")).isEqualTo("alice");
    assertThat(ok.exchange().upstreamHeaders().first("X-Consumer-Custom-ID")).isEqualTo("alice-custom");
    assertThat(ok.exchange().upstreamHeaders().first("X-Credential-Identifier")).isEqualTo("k1");
    assertThat(ok.exchange().get(JwtType.AUTHENTICATED_TOKEN)).isEqualTo(JwtTokens.hs256("secret1",
        "{\"iss\":\"k1\"}"));
  }

  @Test
  void claimsToVerifyAndMaximumExpiration() throws Exception {
    jwt(Map.of("claims_to_verify", List.of("exp", "nbf"), "maximum_expiration", 100L));
    secret("k1", "HS256", "secret1", null);
    String iss = "\"iss\":\"k1\"";
    assertThat(bearer(JwtTokens.hs256("secret1", "{" + iss + ",\"exp\":" + (NOW + 50) + ",\"nbf\":" + NOW + "}"))
        .proceeded()).isTrue();
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
    assertThat(bearer(JwtTokens.hs("HS256", raw, "{\"kid\":\"k1\"}")).proceeded()).isTrue();
    refused(bearer(JwtTokens.hs("HS256", raw, "{\"iss\":\"k1\"}")), Map.of("message", "No mandatory 'kid' in claims"),
        INVALID);
    refused(bearer(JwtTokens.hs256("***", "{\"kid\":\"bad\"}")), Map.of("message", "Invalid key/secret"), INVALID);
  }

  @Test
  void publicKeysParsedWhenTheIndexIsBuiltServeBothKeyForms() throws Exception {
    KeyPair pair = JwtTokens.rsaA();
    secret("rs", "RS256", null, JwtTokens.pem(pair));
    gw.route("b64", "/b64", "llm");
    gw.plugin("jwt", Map.of("secret_is_base64", true), Map.of("route", "b64"));
    jwt(Map.of());
    String token = JwtTokens.sign("RS256", pair.getPrivate(), "{\"iss\":\"rs\"}");
    for (int i = 0; i < 3; i++) {
      assertThat(bearer(token).proceeded()).isTrue();
    }
    refused(bearer(JwtTokens.sign("RS256", JwtTokens.rsaB().getPrivate(), "{\"iss\":\"rs\"}")),
        Map.of("message", "Invalid signature"), INVALID);
    // With secret_is_base64 the PEM text is decoded first, and PEM is not base64url: Kong's "Invalid key/secret".
    Outcome b64 = gw.run("b64", TestRequest.get("/b64/chat").header("Authorization", "Bearer " + token));
    refused(b64, Map.of("message", "Invalid key/secret"), INVALID);
  }

  @Test
  void anonymousAndRealm() throws Exception {
    jwt(Map.of("anonymous", "guest", "realm", "llm"));
    Outcome o = bearer("x.y.z");
    assertThat(o.proceeded()).isTrue();
    assertThat(o.exchange().upstreamHeaders().first("X-Consumer-Username")).isEqualTo("guest");
    assertThat(o.exchange().upstreamHeaders().first("X-Anonymous-Consumer")).isEqualTo("true");
  }

  @Test
  void realmInBothChallenges() throws Exception {
    jwt(Map.of("realm", "llm"));
    refused(gw.run("r", TestRequest.get("/v1/chat")), Map.of("message", "Unauthorized"), "Bearer realm=\"llm\"");
    refused(bearer("x.y"), Map.of("message", "Bad token; invalid JSON"), "Bearer realm=\"llm\", error=\"invalid_token\"");
  }
}
