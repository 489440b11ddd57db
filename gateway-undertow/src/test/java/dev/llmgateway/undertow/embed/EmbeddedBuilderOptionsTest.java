package dev.llmgateway.undertow.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.undertow.embed.HostResolver;
import dev.llmgateway.undertow.internal.testing.TestTls;
import io.undertow.Undertow;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding builder's pass-through options, each observed through a real listener and upstream. */
class EmbeddedBuilderOptionsTest {
  /** Every name resolves to 127.0.0.1, and the names asked for are remembered. */
  static final List<String> resolved = new java.util.concurrent.CopyOnWriteArrayList<>();
  static final HostResolver LOOPBACK = host -> {
    resolved.add(host);
    try {
      return CompletableFuture.completedFuture(List.of(InetAddress.getByName("127.0.0.1")));
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  };

  @TempDir
  Path dir;
  Undertow upstream;

  @BeforeEach
  void start() {
    resolved.clear();
    upstream = Undertow.builder().addHttpsListener(0, "127.0.0.1", TestTls.server(TestTls.LOCALHOST))
        .setHandler(ex -> ex.getResponseSender().send("private-ca-ok")).build();
    upstream.start();
  }

  @AfterEach
  void stop() {
    upstream.stop();
  }

  int port() {
    return ((InetSocketAddress) upstream.getListenerInfo().get(0).getAddress()).getPort();
  }

  HttpResponse<String> callThrough(SSLContext trust) throws Exception {
    EmbeddedGatewayBuilder b = EmbeddedGateway.builder().proxyListener("127.0.0.1", 0).resolver(LOOPBACK)
        .workerThreads(2).ioThreads(1);
    if (trust != null) {
      b.upstreamTrust(trust);
    }
    try (EmbeddedGateway gateway = b.start()) {
      gateway.entities().apply(tx -> {
        tx.addService("secure", "https://llm.test:" + port());
        return tx.addRoute("secure", "secure-route", "/v1");
      });
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(gateway.proxyUri().resolve("/v1/models"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void aPrivateCaFromAPemBundleIsTrustedAndTheResolverIsUsed() throws Exception {
    Path pem = dir.resolve("ca.pem");
    Files.writeString(pem, "# the upstream's CA\n" + pem(certificate(TestTls.LOCALHOST)));
    HttpResponse<String> r = callThrough(UpstreamTrust.fromPem(pem));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("private-ca-ok");
    assertThat(resolved).contains("llm.test");
  }

  @Test
  void withoutTheCaTheSameUpstreamIs502() throws Exception {
    assertThat(callThrough(null).statusCode()).isEqualTo(502);
  }

  @Test
  void aFileWithoutCertificatesIsRefusedWithItsName() throws Exception {
    Path empty = dir.resolve("empty.pem");
    Files.writeString(empty, "not a certificate\n");
    assertThatThrownBy(() -> UpstreamTrust.fromPem(empty)).isInstanceOf(IOException.class)
        .hasMessageContaining("empty.pem");
  }

  private static Certificate certificate(String keystore) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = TestTls.class.getResourceAsStream(keystore)) {
      store.load(in, "changeit".toCharArray());
    }
    return store.getCertificate(store.aliases().nextElement());
  }

  private static String pem(Certificate c) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
        .encodeToString(c.getEncoded()) + "\n-----END CERTIFICATE-----\n";
  }

  @Test
  void everyLauncherOptionIsOnTheEmbeddingBuilderAndChains() {
    java.util.Set<String> methods = new java.util.HashSet<>();
    for (java.lang.reflect.Method m : EmbeddedGatewayBuilder.class.getMethods()) {
      methods.add(m.getName());
    }
    assertThat(methods).contains("proxyListener", "tlsProxyListener", "adminListener", "statusListener", "dataDir",
        "configFile", "initialConfig", "store", "accessLog", "upstreamKeepalive", "pluginAccessTimeout",
        "pluginAccessTimeoutStatus", "backPressure", "upstreamTrust", "clientSendTimeout", "clientHeaderTimeout",
        "clientBodyTimeout", "ioThreads", "workerThreads", "resolver", "meterRegistry", "metricsText",
        "trustedProxies", "underscoresInHeaders", "adminApiOnProxy");
    // The shared setters return the embedding builder itself, so embedding-only options chain after them.
    EmbeddedGatewayBuilder b = EmbeddedGateway.builder().proxyListener("127.0.0.1", 0).workerThreads(2)
        .clientHeaderTimeout(Duration.ofSeconds(5)).trustedProxies(dev.llmgateway.net.TrustedProxies.NONE)
        .initialConfig("_format_version: '3.0'\n");
    assertThat(b).isNotNull();
    assertThatThrownBy(() -> EmbeddedGateway.builder().clientHeaderTimeout(Duration.ZERO))
        .hasMessage("clientHeaderTimeout must be positive");
  }
}
