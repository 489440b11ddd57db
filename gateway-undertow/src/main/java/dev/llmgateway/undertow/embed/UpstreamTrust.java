package dev.llmgateway.undertow.embed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Trust for https upstreams signed by a private CA (Kong's {@code lua_ssl_trusted_certificate}): an
 * {@link SSLContext} that trusts exactly the certificates of a PEM bundle, for
 * {@link EmbeddedGatewayBuilder#upstreamTrust}.
 */
public final class UpstreamTrust {
  private UpstreamTrust() {}

  /** Trusts every certificate in {@code pemBundle}; fails when the file holds none. */
  public static SSLContext fromPem(Path pemBundle) throws IOException {
    try (InputStream in = Files.newInputStream(pemBundle)) {
      Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
          .generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new IOException(pemBundle + " holds no PEM certificate");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c : certificates) {
        store.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException(pemBundle + " is not a PEM certificate bundle: " + e.getMessage(), e);
    }
  }
}
