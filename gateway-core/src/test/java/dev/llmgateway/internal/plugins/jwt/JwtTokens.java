package dev.llmgateway.internal.plugins.jwt;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Builds signed tokens for tests with the JDK, independently of the plugin's code. */
public final class JwtTokens {
  private JwtTokens() {}

  public static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String b64(String text) {
    return b64(text.getBytes(StandardCharsets.UTF_8));
  }

  /** header.claims, unsigned. */
  public static String input(String alg, String claimsJson) {
    return b64("{\"typ\":\"JWT\",\"alg\":\"" + alg + "\"}") + "." + b64(claimsJson);
  }

  public static String hs(String alg, byte[] secret, String claimsJson) throws Exception {
    String jdk = "Hmac" + alg.replace("HS", "SHA");
    Mac mac = Mac.getInstance(jdk);
    mac.init(new SecretKeySpec(secret, jdk));
    String in = input(alg, claimsJson);
    return in + "." + b64(mac.doFinal(in.getBytes(StandardCharsets.US_ASCII)));
  }

  public static String hs256(String secret, String claimsJson) throws Exception {
    return hs("HS256", secret.getBytes(StandardCharsets.UTF_8), claimsJson);
  }

  /** Signs with the JDK algorithm; ES signatures in JWS's raw R||S form via the P1363 format. */
  public static String sign(String alg, PrivateKey key, String claimsJson) throws Exception {
    String in = input(alg, claimsJson);
    Signature s = Signature.getInstance(jdkName(alg));
    if (alg.startsWith("PS")) {
      String sha = "SHA-" + alg.substring(2);
      int bytes = Integer.parseInt(alg.substring(2)) / 8;
      s.setParameter(new PSSParameterSpec(sha, "MGF1", new MGF1ParameterSpec(sha), bytes, 1));
    }
    s.initSign(key);
    s.update(in.getBytes(StandardCharsets.US_ASCII));
    return in + "." + b64(s.sign());
  }

  /** Two RSA pairs made once per test run: RSA key generation is slow on a busy machine. */
  public static KeyPair rsaA() {
    return KeyA.PAIR;
  }

  public static KeyPair rsaB() {
    return KeyB.PAIR;
  }

  /** Each pair in its own holder, so a test needing one does not pay for both. */
  private static final class KeyA {
    static final KeyPair PAIR = generate();
  }

  private static final class KeyB {
    static final KeyPair PAIR = generate();
  }

  private static KeyPair generate() {
    try {
      return rsa(2048);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static KeyPair rsa(int bits) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(bits);
    return g.generateKeyPair();
  }

  public static KeyPair ec(String curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve));
    return g.generateKeyPair();
  }

  public static KeyPair ed25519() throws Exception {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  public static String pem(KeyPair pair) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  /** The JDK's name of a JWS algorithm (ES in JWS's raw R||S form, the P1363 format). */
  private static String jdkName(String alg) {
    String bits = alg.substring(2);
    return switch (alg.substring(0, 2)) {
      case "RS" -> "SHA" + bits + "withRSA";
      case "ES" -> "SHA" + bits + "withECDSAinP1363Format";
      case "PS" -> "RSASSA-PSS";
      case "Ed" -> "Ed25519";
      default -> throw new IllegalArgumentException(alg);
    };
  }
}
