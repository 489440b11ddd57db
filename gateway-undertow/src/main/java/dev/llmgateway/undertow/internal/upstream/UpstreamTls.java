package dev.llmgateway.undertow.internal.upstream;

import io.undertow.protocols.ssl.UndertowXnioSsl;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.ssl.XnioSsl;

/**
 * TLS toward upstreams. Verified connections check the certificate chain against the trust store and the
 * certificate's names against the service host ({@code HTTPS} endpoint identification, which the JDK only does
 * when asked); SNI carries the same host. Unverified connections ({@code tls_verify=false}) accept any
 * certificate. The engines get their host from {@code Options.SSL_PEER_HOST_NAME}, so the socket can go to a
 * resolved IP while names are checked against the configured host.
 */
public final class UpstreamTls {
  private final XnioSsl verifying;
  private final XnioSsl trustingAll;

  /** @param trust a context whose trust managers decide which certificates are valid (the JDK's by default) */
  public UpstreamTls(Xnio xnio, SSLContext trust) {
    OptionMap options = OptionMap.create(Options.USE_DIRECT_BUFFERS, true);
    this.verifying = new UndertowXnioSsl(xnio, options, endpointChecking(trust));
    this.trustingAll = new UndertowXnioSsl(xnio, options, trustAll());
  }

  /** A context with the JDK's default trust store. */
  public static SSLContext jdkTrust() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS in this JDK", e);
    }
  }

  XnioSsl ssl(boolean verify) {
    return verify ? verifying : trustingAll;
  }

  private static SSLContext endpointChecking(SSLContext trust) {
    return new SSLContext(new EndpointCheckingSpi(trust), trust.getProvider(), trust.getProtocol()) {};
  }

  private static SSLContext trustAll() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustingAll()}, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS in this JDK", e);
    }
  }

  /** Delegates to a real context and turns on hostname verification for every client engine it creates. */
  private static final class EndpointCheckingSpi extends SSLContextSpi {
    private final SSLContext delegate;

    EndpointCheckingSpi(SSLContext delegate) {
      this.delegate = delegate;
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
      throw new KeyManagementException("already initialised");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return delegate.getSocketFactory();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return delegate.getServerSocketFactory();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return checking(delegate.createSSLEngine());
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      return checking(delegate.createSSLEngine(host, port));
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return delegate.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return delegate.getClientSessionContext();
    }

    private static SSLEngine checking(SSLEngine engine) {
      SSLParameters params = engine.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      engine.setSSLParameters(params);
      return engine;
    }
  }

  /** Accepts every certificate: only for services that turned {@code tls_verify} off. */
  private static final class TrustingAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
