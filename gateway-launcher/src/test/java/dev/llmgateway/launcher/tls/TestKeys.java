package dev.llmgateway.launcher.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed test key pairs made by the JDK's own {@code keytool} (no openssl needed), for {@code localhost} and
 * {@code 127.0.0.1}, with helpers that write them as PEM in the forms users have: PKCS#8, PKCS#1, SEC1.
 */
public final class TestKeys {
  /** One key pair: the PKCS#8 private key and its self-signed certificate. */
  public record Pair(PrivateKey key, X509Certificate cert) {}

  private TestKeys() {}

  /** Generates an RSA 2048 ({@code "RSA"}) or P-256 ({@code "EC"}) pair with keytool, in {@code dir}. */
  public static Pair generate(Path dir, String algorithm) throws Exception {
    Path store = dir.resolve(algorithm.toLowerCase() + ".p12");
    List<String> cmd = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "k",
        "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keyalg", algorithm,
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2"));
    cmd.addAll(algorithm.equals("EC") ? List.of("-groupname", "secp256r1") : List.of("-keysize", "2048"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    return new Pair((PrivateKey) ks.getKey("k", "changeit".toCharArray()), (X509Certificate) ks.getCertificate("k"));
  }

  /** PEM text of one block. */
  public static String pem(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  /** Writes the certificate as PEM and returns its path. */
  public static Path writeCert(Path file, X509Certificate cert) throws Exception {
    Files.writeString(file, pem("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
    return file;
  }

  /** Writes the key as a PKCS#8 {@code PRIVATE KEY} block. */
  public static Path writePkcs8(Path file, PrivateKey key) throws IOException {
    Files.writeString(file, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
    return file;
  }
}
