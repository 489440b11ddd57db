package dev.llmgateway.internal.plugins.jwt;

import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.List;

/**
 * The JWS algorithms Kong's jwt plugin accepts, each mapped to the JDK's own implementation: HMAC for HS*, PKCS#1
 * v1.5 for RS*, ECDSA in the raw {@code R||S} form JWS uses (the JDK's P1363 format) for ES*, RSASSA-PSS for PS*
 * and Ed25519 for EdDSA.
 */
enum Algorithm {
  HS256("HmacSHA256", 0), HS384("HmacSHA384", 0), HS512("HmacSHA512", 0),
  RS256("SHA256withRSA", 0), RS384("SHA384withRSA", 0), RS512("SHA512withRSA", 0),
  ES256("SHA256withECDSAinP1363Format", 64), ES384("SHA384withECDSAinP1363Format", 96),
  ES512("SHA512withECDSAinP1363Format", 132),
  PS256("RSASSA-PSS", 256), PS384("RSASSA-PSS", 256), PS512("RSASSA-PSS", 256),
  EdDSA("Ed25519", 0);

  /** The names in Kong's {@code one_of} order. */
  static final List<String> NAMES = Arrays.stream(values()).map(Enum::name).toList();

  final String jdkName;
  /** The signature length Kong insists on (0: any); another length is an internal error in Kong, a 500. */
  final int signatureLength;

  Algorithm(String jdkName, int signatureLength) {
    this.jdkName = jdkName;
    this.signatureLength = signatureLength;
  }

  /** The algorithm named {@code name}, or null when Kong does not know it. */
  static Algorithm named(Object name) {
    if (!(name instanceof String s)) {
      return null;
    }
    for (Algorithm a : values()) {
      if (a.name().equals(s)) {
        return a;
      }
    }
    return null;
  }

  boolean hmac() {
    return name().startsWith("HS");
  }

  /** Whether the credential must carry {@code rsa_public_key} (Kong: RS*, PS*, EdDSA; ES* keys are not checked). */
  boolean needsPublicKeyField() {
    return name().startsWith("RS") || name().startsWith("PS") || this == EdDSA;
  }

  /** Parameters the JDK needs for PS* (salt length = hash length, as JWS says); null otherwise. */
  AlgorithmParameterSpec parameters() {
    return switch (this) {
      case PS256 -> new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
      case PS384 -> new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384, 48, 1);
      case PS512 -> new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1);
      default -> null;
    };
  }
}
