package dev.llmgateway.internal.plugins.jwt;

import dev.llmgateway.schema.Row;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;

/**
 * A {@link JwtSecret} with its public key parsed once, when the snapshot's credential index is built, in both
 * forms a plugin may read it ({@code secret_is_base64} off or on), so that no request parses PEM.
 *
 * @param publicKey the key parsed from {@code rsa_public_key} as written, or null
 * @param decodesFromBase64 whether {@code rsa_public_key} is valid base64url (else Kong's "Invalid key/secret")
 * @param publicKeyFromBase64 the key parsed from the base64url-decoded value, or null
 */
record JwtCredential(JwtSecret secret, PublicKey publicKey, boolean decodesFromBase64,
    PublicKey publicKeyFromBase64) {

  static JwtCredential of(Row row) {
    JwtSecret secret = JwtSecret.of(row);
    String pem = secret.rsaPublicKey();
    if (pem == null || Algorithm.named(secret.algorithm()) == null || Algorithm.named(secret.algorithm()).hmac()) {
      return new JwtCredential(secret, null, false, null);
    }
    byte[] decoded = Base64Url.decode(pem);
    return new JwtCredential(secret, PublicKeys.parse(pem.getBytes(StandardCharsets.UTF_8)), decoded != null,
        decoded == null ? null : PublicKeys.parse(decoded));
  }
}
