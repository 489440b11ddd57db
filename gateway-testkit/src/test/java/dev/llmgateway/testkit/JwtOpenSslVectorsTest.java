package dev.llmgateway.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.undertow.embed.EntityEditor;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tokens made with the OpenSSL command line exactly as docs/auth-plugins.md shows (HS256 with an HMAC, RS256 with
 * a PKCS#1 v1.5 signature, ES256 with the DER signature turned into raw R||S), checked by the jwt plugin in a real
 * gateway: interop with an implementation other than the JDK's. Moved from gateway-core's test against the
 * hand-written TestExchange.
 */
class JwtOpenSslVectorsTest {
  @RegisterExtension
  final GatewayExtension gw = GatewayExtension.withPlugins();

  private static final String HS256 = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJteS1hcHAta2V5IiwiZXhwIjoxNzk2NjQxMzk1fQ.RUFR4HcjvyRP_UBzmbfEFOCFvhlOLDzVNJk767227eU";
  private static final String RS256 = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJteS1yc2Eta2V5In0.J6FGwS4NfjJUUUvBZL3AGPeNEUcxI9YMX3utkaNtBtaEOkb-O4dKfCKtbMq8xgT7zX454PAn16zqXkZ0_MLotEsofAQaQ7mq_mIxlEWU2OtRnYbgz8SIDVurumGKJYXKBA3dSexlTxS9p-_3C_D1BujRB6IOKoI-tUKc8kx_PPHFZ7l27r4JaZ_PEhUhS3Fg-idHjsXTwd1pcQfHX4JU9-GBAhAcpsLkcDcQwXsMJ-XQlNwtzNZQPhUQ5lKmNPkQGcSvFxJnbII5kAnhuB3HZ8JXWXkzbFNm-cWInQhbX8Axk3apEjrulX38-65ShoEM-Yqz9uQWl_8y_GOqy9Ncxg";
  private static final String ES256 = "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJteS1lYy1rZXkifQ.E-HGkDGifcxWrZg2Ep51i5wr82_BB4nLLFcvvjJ1pitWzsb-PTxDdmJfh9dEJwcU00wCzjRrvJuurAW6Om9NZg";
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
  private static final String EC_PUBLIC = """
-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAENOirn+ieYz7SPP8aKFKKjkr1PE9f
9tSpJcJ/eRRDUYSYbHOIFh/jV5+njzPqDU/LZSQzNva/kodaM3hbTKFjUg==
-----END PUBLIC KEY-----
""";

  @Test
  void opensslTokensVerify() throws Exception {
    gw.route("/v1", "jwt", Map.of());
    gw.entities().apply(tx -> {
      tx.addConsumer("app");
      secret(tx, "my-app-key", "HS256", "my-app-secret", null);
      secret(tx, "my-rsa-key", "RS256", null, RSA_PUBLIC);
      return secret(tx, "my-ec-key", "ES256", null, EC_PUBLIC);
    });
    for (String token : new String[] {HS256, RS256, ES256}) {
      assertThat(gw.get("/v1/x", "Authorization", "Bearer " + token).statusCode()).as(token).isEqualTo(200);
      String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BA" : "AA");
      assertThat(gw.get("/v1/x", "Authorization", "Bearer " + tampered).statusCode()).isIn(401, 500);
    }
    assertThat(gw.upstream().count()).isEqualTo(3);
  }

  private static Object secret(EntityEditor tx, String key, String alg, String secret, String publicKey) {
    Map<String, Object> f = new HashMap<>();
    f.put("consumer", Map.of("username", "app"));
    f.put("key", key);
    f.put("algorithm", alg);
    if (secret != null) {
      f.put("secret", secret);
    }
    if (publicKey != null) {
      f.put("rsa_public_key", publicKey);
    }
    return tx.create("jwt_secrets", f);
  }
}
