package dev.llmgateway.internal.plugins.jwt;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Checks a token's signature with the JDK's crypto; HMACs are compared in constant time. */
final class Signatures {
  /** The key material cannot be used (a public key that does not parse, a signature of the wrong size): a 500. */
  static final class Unusable extends Exception {
    Unusable(String why) {
      super(why, null, false, false);
    }
  }

  private Signatures() {}

  /** Checks an HS* token against the shared secret. */
  static boolean verifyHmac(JwtToken token, byte[] secret) {
    return MessageDigest.isEqual(hmac(token.algorithm, secret, token.signingInput), token.signature);
  }

  /** Checks an RS/PS/ES/EdDSA token against a public key parsed beforehand (null: it did not parse). */
  static boolean verify(JwtToken token, PublicKey key) throws Unusable {
    Algorithm alg = token.algorithm;
    if (key == null) {
      throw new Unusable("Consumer Public Key is Invalid");
    }
    if (alg.signatureLength > 0 && token.signature.length != alg.signatureLength) {
      throw new Unusable("Signature must be " + alg.signatureLength + " bytes");
    }
    try {
      Signature verifier = Signature.getInstance(alg.jdkName);
      if (alg.parameters() != null) {
        verifier.setParameter(alg.parameters());
      }
      verifier.initVerify(key);
      verifier.update(token.signingInput);
      return verifier.verify(token.signature);
    } catch (GeneralSecurityException | IllegalArgumentException wrongKindOrMalformed) {
      return false;
    }
  }

  private static byte[] hmac(Algorithm alg, byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(alg.jdkName);
      // HMAC pads keys with zeros to the block size, so an empty key is the same as one zero byte; the JDK refuses
      // empty keys but OpenSSL (Kong) accepts them.
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, alg.jdkName));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has " + alg.jdkName, e);
    }
  }
}
