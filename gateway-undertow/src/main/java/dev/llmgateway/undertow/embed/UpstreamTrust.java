package dev.llmgateway.undertow.embed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trust for https upstreams signed by a private CA (Kong's {@code lua_ssl_trusted_certificate}): an
 * {@link SSLContext} that trusts exactly the certificates of a PEM bundle, for
 * {@link EmbeddedGatewayBuilder#upstreamTrust}.
 */
public final class UpstreamTrust {
  private UpstreamTrust() {}

  /** Trusts every certificate in {@code pemBundle}; fails when the file holds none. */
  public static SSLContext fromPem(Path pemBundle) throws IOException {
    return fromPem(List.of(pemBundle), false);
  }

  /**
   * Trusts every certificate in {@code pemBundles} and, with {@code includeSystem}, the JVM's own trust store as
   * well (Kong's {@code lua_ssl_trusted_certificate = system,/path/ca.pem}); fails when a file holds none.
   */
  public static SSLContext fromPem(List<Path> pemBundles, boolean includeSystem) throws IOException {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Path bundle : pemBundles) {
        for (Certificate c : read(bundle)) {
          store.setCertificateEntry("ca-" + i++, c);
        }
      }
      if (includeSystem) {
        TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jdk.init((KeyStore) null);
        for (TrustManager m : jdk.getTrustManagers()) {
          if (m instanceof X509TrustManager x) {
            for (X509Certificate c : x.getAcceptedIssuers()) {
              store.setCertificateEntry("system-" + i++, c);
            }
          }
        }
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot build the upstream trust store: " + e.getMessage(), e);
    }
  }

  private static Collection<? extends Certificate> read(Path pemBundle) throws IOException {
    try (InputStream in = Files.newInputStream(pemBundle)) {
      Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
          .generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new IOException(pemBundle + " holds no PEM certificate");
      }
      return certificates;
    } catch (GeneralSecurityException e) {
      throw new IOException(pemBundle + " is not a PEM certificate bundle: " + e.getMessage(), e);
    }
  }
}
