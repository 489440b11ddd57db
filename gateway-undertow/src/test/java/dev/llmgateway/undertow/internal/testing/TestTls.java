package dev.llmgateway.undertow.internal.testing;

import java.io.InputStream;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS material for tests: self-signed EC certificates in PKCS#12 files next to this class, {@code localhost.p12}
 * (names localhost, llm.test and 127.0.0.1; the JDK sends SNI only for names with a dot) and {@code other-test.p12} (name other.test); password {@code changeit}.
 */
public final class TestTls {
  public static final String LOCALHOST = "localhost.p12";
  public static final String OTHER = "other-test.p12";

  private TestTls() {}

  /** A server context presenting the certificate in {@code keystore}. */
  public static SSLContext server(String keystore) {
    try {
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(load(keystore), "changeit".toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A client context trusting only the certificate in {@code keystore}. */
  public static SSLContext trusting(String keystore) {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(load(keystore));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyStore load(String name) throws Exception {
    try (InputStream in = TestTls.class.getResourceAsStream(name)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, "changeit".toCharArray());
      return ks;
    }
  }
}
