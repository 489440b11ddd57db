package dev.llmgateway.launcher.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Builds a server {@link SSLContext} from PEM files, with JDK code only: a certificate chain (leaf first) and its
 * private key in PKCS#8, PKCS#1 RSA or SEC1 EC form. Both may sit in one file. The key is checked against the
 * certificate so that a mismatch fails at start-up, not at the first handshake.
 */
public final class PemTls {
  private static final char[] NO_PASSWORD = new char[0];

  private PemTls() {}

  /** The server context for {@code certFile} and {@code keyFile}; every failure is one line naming the file. */
  public static SSLContext serverContext(Path certFile, Path keyFile) throws PemException {
    X509Certificate[] chain = certificates(certFile);
    String algorithm = chain[0].getPublicKey().getAlgorithm();
    PrivateKey key = PrivateKeyPem.read(PemBlock.parseAll(read(keyFile), keyFile.toString()), algorithm,
        keyFile.toString());
    checkPair(chain[0], key, keyFile);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("gateway", key, NO_PASSWORD, chain);
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, NO_PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new PemException("cannot build a TLS context from " + certFile + " and " + keyFile + ": "
          + e.getMessage(), e);
    }
  }

  /** The certificate chain of {@code file}, in file order (leaf first, as servers send it). */
  public static X509Certificate[] certificates(Path file) throws PemException {
    List<X509Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (PemBlock b : PemBlock.parseAll(read(file), file.toString())) {
        if (b.label().equals("CERTIFICATE")) {
          Certificate c = factory.generateCertificate(new ByteArrayInputStream(b.der()));
          chain.add((X509Certificate) c);
        }
      }
    } catch (GeneralSecurityException e) {
      throw new PemException(file + ": a CERTIFICATE block is not a valid X.509 certificate (" + e.getMessage()
          + ")", e);
    }
    if (chain.isEmpty()) {
      throw new PemException(file + " holds no CERTIFICATE block (a PEM file is expected; convert DER with "
          + "openssl x509 -inform der)");
    }
    return chain.toArray(new X509Certificate[0]);
  }

  private static void checkPair(X509Certificate leaf, PrivateKey key, Path keyFile) throws PemException {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "EdDSA", "Ed25519", "Ed448" -> key.getAlgorithm();
      default -> null;
    };
    if (algorithm == null) {
      return;
    }
    try {
      byte[] probe = "llm-gateway key check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(leaf.getPublicKey());
      verifier.update(probe);
      if (verifier.verify(signature)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      // falls through to the mismatch message: a key the certificate's algorithm cannot use does not match it
    }
    throw new PemException(keyFile + ": the private key does not match the certificate "
        + leaf.getSubjectX500Principal().getName());
  }

  private static String read(Path file) throws PemException {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new PemException("cannot read " + file + ": " + describe(e));
    }
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage();
  }
}
