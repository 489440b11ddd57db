package dev.llmgateway.internal.plugins.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.internal.pipeline.ConfigBinder;
import dev.llmgateway.internal.plugins.testing.TestGateway;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.SchemaViolation;
import dev.llmgateway.internal.store.EntityWrites;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** jwt's config schema and its jwt_secrets entity: Kong's defaults and every validation error. */
class JwtSchemaTest {
  /** The RSA public key of the OpenSSL-made RS256 vector (gateway-testkit's JwtOpenSslVectorsTest). */
  private static final String RSA_PUBLIC = """
-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA652hnHPrDePHCCgnPCOE
2ev6WRhuOueLX6temrZsCX5WF7dfma6QWyooT0mMOYQk/Xovi9wDDBiWIxzNDfms
VyUwSUU0E5b1d4JDQ2nCVncN/T2649RH1yTSIPtIzBeTCLUuTucWUbCXoSqmxvye
b/az58NlhjwbLMLJaJ1JDY7/yFbp1/0jA4IVgYNcA4SxNDmN3g3q1RrjfQvKF/nM
hPw/Nv8xxXM+ew7C6ThK/vm4mkq3Yv2xawN5x5RK6o6aXqLAIf/dzkzObYy9LBk4
r3ETSqa2i4uOJKy6gKCWux6Wedhh7qZk/cNynUZW1GZ0ys7B5HfkG0Cowf9YgBKD
qQIDAQAB
-----END PUBLIC KEY-----
""";

  private final TestGateway gw = new TestGateway(new JwtType());
  private final EntityWrites writes = new EntityWrites(() -> 1_700_000_000_000L);

  /** The config record the gateway binds from a validated row. */
  static JwtConfig bind(Row config) {
    return ConfigBinder.of("jwt", JwtConfig.class, JwtConfig.SCHEMA).bind(config);
  }

  @Test
  void everyFieldHasKongsDefault() {
    Row config = gw.validatePlugin("jwt", null, Map.of()).record("config");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("uri_param_names", List.of("jwt"));
    expected.put("cookie_names", List.of());
    expected.put("header_names", List.of("authorization"));
    expected.put("key_claim_name", "iss");
    expected.put("secret_is_base64", false);
    expected.put("claims_to_verify", null);
    expected.put("anonymous", null);
    expected.put("run_on_preflight", true);
    expected.put("maximum_expiration", 0L);
    expected.put("realm", null);
    assertThat(config.asMap()).containsExactlyEntriesOf(expected);
    assertThat(bind(config)).isEqualTo(new JwtConfig(List.of("jwt"), List.of(), List.of("authorization"), "iss",
        false, List.of(), null, true, 0, null));
    assertThat(new JwtType().priority()).isEqualTo(1450);
  }

  @Test
  void typedConfigReadsEveryField() {
    Row row = gw.validatePlugin("jwt", Map.of("uri_param_names", List.of("t"), "cookie_names", List.of("c"),
        "header_names", List.of("x-token"), "key_claim_name", "kid", "secret_is_base64", true,
        "claims_to_verify", List.of("exp", "nbf"), "anonymous", "guest", "run_on_preflight", false,
        "maximum_expiration", 60L, "realm", "r"), Map.of()).record("config");
    assertThat(bind(row)).isEqualTo(new JwtConfig(List.of("t"), List.of("c"), List.of("x-token"), "kid", true,
        List.of("exp", "nbf"), "guest", false, 60, "r"));
  }

  @Test
  void explicitNullsBindToNoSourceAndNoLimit() {
    Map<String, Object> nulls = new LinkedHashMap<>();
    nulls.put("uri_param_names", null);
    nulls.put("cookie_names", null);
    nulls.put("header_names", null);
    nulls.put("maximum_expiration", null);
    Row row = gw.validatePlugin("jwt", nulls, Map.of()).record("config");
    assertThat(row.get("uri_param_names")).isNull(); // Kong keeps an explicit null over the default
    assertThat(bind(row)).isEqualTo(new JwtConfig(List.of(), List.of(), List.of(), "iss", false, List.of(), null,
        true, 0, null));
  }

  @Test
  void configValidationErrors() {
    assertThatThrownBy(() -> gw.validatePlugin("jwt", Map.of("claims_to_verify", List.of("iat")), Map.of()))
        .isInstanceOfSatisfying(SchemaViolation.class, e -> assertThat(e.toJson().get("fields"))
            .isEqualTo(Map.of("config", Map.of("claims_to_verify", List.of("expected one of: exp, nbf")))));
    assertThatThrownBy(() -> gw.validatePlugin("jwt", Map.of("maximum_expiration", 31_536_001L), Map.of()))
        .hasMessage("schema violation (config.maximum_expiration: value should be between 0 and 31536000)");
    assertThatThrownBy(() -> gw.validatePlugin("jwt", Map.of("maximum_expiration", -1L), Map.of()))
        .hasMessage("schema violation (config.maximum_expiration: value should be between 0 and 31536000)");
    // As in Kong, then_match is not 'required': a null claims_to_verify passes the conditional.
    assertThat(gw.validatePlugin("jwt", Map.of("maximum_expiration", 10L), Map.of())).isNotNull();
    assertThatThrownBy(() -> gw.validatePlugin("jwt", Map.of("maximum_expiration", 10L,
        "claims_to_verify", List.of("nbf")), Map.of()))
        .isInstanceOfSatisfying(SchemaViolation.class, e -> assertThat(e.toJson().get("fields")).isEqualTo(Map.of(
            "config", Map.of("claims_to_verify", "expected to contain: exp"),
            "@entity", List.of("failed conditional validation given value of field 'config.maximum_expiration'"))));
    assertThat(gw.validatePlugin("jwt", Map.of("maximum_expiration", 10L, "claims_to_verify", List.of("exp")),
        Map.of())).isNotNull();
    assertThatThrownBy(() -> gw.validatePlugin("jwt", Map.of("secret_is_base64", "no"), Map.of()))
        .hasMessage("schema violation (config.secret_is_base64: expected a boolean)");
    assertThatThrownBy(() -> gw.validatePlugin("jwt", Map.of("uri_param_names", "jwt"), Map.of()))
        .hasMessage("schema violation (config.uri_param_names: expected a set)");
    gw.consumer("alice");
    assertThatThrownBy(() -> gw.validatePlugin("jwt", null, Map.of("consumer", "alice")))
        .hasMessage("schema violation (consumer: value must be null)");
  }

  @Test
  void secretsGetGeneratedKeyAndSecret() {
    gw.consumer("alice");
    Row row = writes.insert(gw.configuration(), JwtSecret.TYPE, Map.of("consumer", Map.of("username", "alice")))
        .result();
    assertThat(row.string("key")).hasSize(32).matches("[A-Za-z0-9]+");
    assertThat(row.string("secret")).hasSize(32).matches("[A-Za-z0-9]+").isNotEqualTo(row.string("key"));
    assertThat(row.string("algorithm")).isEqualTo("HS256");
  }

  @Test
  void secretValidationErrors() throws Exception {
    gw.consumer("alice");
    Map<String, Object> ref = Map.of("username", "alice");
    assertThatThrownBy(() -> writes.insert(gw.configuration(), JwtSecret.TYPE,
        Map.of("consumer", ref, "algorithm", "HS1")))
        .isInstanceOfSatisfying(SchemaViolation.class, e -> assertThat(e.toJson().get("fields")).isEqualTo(Map.of(
            "algorithm", "expected one of: HS256, HS384, HS512, RS256, RS384, RS512, ES256, ES384, ES512, PS256, "
                + "PS384, PS512, EdDSA")));
    for (String alg : List.of("RS256", "PS384", "EdDSA")) {
      assertThatThrownBy(() -> writes.insert(gw.configuration(), JwtSecret.TYPE,
          Map.of("consumer", ref, "algorithm", alg)))
          .isInstanceOfSatisfying(SchemaViolation.class, e -> assertThat(e.toJson().get("fields")).isEqualTo(Map.of(
              "rsa_public_key", "required field missing",
              "@entity", List.of("failed conditional validation given value of field 'algorithm'"))));
    }
    assertThatThrownBy(() -> writes.insert(gw.configuration(), JwtSecret.TYPE,
        Map.of("consumer", ref, "algorithm", "RS256", "rsa_public_key", "not a key")))
        .isInstanceOfSatisfying(SchemaViolation.class, e -> assertThat(e.toJson().get("fields")).isEqualTo(Map.of(
            "rsa_public_key", "invalid key",
            "@entity", List.of("failed conditional validation given value of field 'algorithm'"))));
    assertThat(writes.insert(gw.configuration(), JwtSecret.TYPE, Map.of("consumer", ref, "algorithm", "RS256",
        "rsa_public_key", RSA_PUBLIC)).result()).isNotNull();
    assertThat(writes.insert(gw.configuration(), JwtSecret.TYPE, Map.of("consumer", ref, "algorithm", "ES256"))
        .result()).isNotNull();
    assertThatThrownBy(() -> writes.insert(gw.configuration(), JwtSecret.TYPE, Map.of()))
        .hasMessage("schema violation (consumer: required field missing)");
  }
}
