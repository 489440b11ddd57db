package dev.llmgateway.undertow.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.undertow.embed.HostResolver;
import dev.llmgateway.undertow.internal.UndertowGatewayBuilder;
import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import dev.llmgateway.undertow.internal.testing.TestTls;
import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import org.junit.jupiter.api.Test;

/**
 * https upstreams: certificates are verified by default (chain and host name), SNI names the service host while
 * the socket goes to the resolved IP, and {@code tls_verify=false} turns verification off.
 */
class UpstreamTlsTest {
  /** Resolves every name to 127.0.0.1, so the certificate name and the connected address differ. */
  private static final HostResolver LOOPBACK = host -> {
    try {
      return CompletableFuture.completedFuture(List.of(InetAddress.getByName("127.0.0.1")));
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  };

  private static Undertow tlsUpstream(String keystore) {
    Undertow server = Undertow.builder()
        .addHttpsListener(0, "127.0.0.1", TestTls.server(keystore))
        .setHandler(exchange -> {
          String sni = "-";
          if (exchange.getConnection().getSslSessionInfo().getSSLSession() instanceof ExtendedSSLSession s) {
            for (SNIServerName name : s.getRequestedServerNames()) {
              sni = ((SNIHostName) name).getAsciiName();
            }
          }
          exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
          exchange.getResponseSender().send("sni=" + sni);
        }).build();
    server.start();
    return server;
  }

  private static int port(Undertow server) {
    return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  private static HttpResponse<String> call(Undertow upstream, Map<String, Object> serviceFields,
      Consumer<UndertowGatewayBuilder> customize) throws Exception {
    TestConfig config = TestConfig.with();
    Map<String, Object> fields = new java.util.LinkedHashMap<>(serviceFields);
    fields.put("name", "secure");
    fields.put("url", "https://llm.test:" + port(upstream));
    UUID s = config.service(fields);
    config.route(s, "/v1");
    try (GatewayHarness gateway = GatewayHarness.start(config.snapshot(), b -> customize.accept(b.resolver(LOOPBACK)))) {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(gateway.uri("/v1/models"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void aTrustedCertificateForTheServiceHostIsAcceptedAndSniNamesIt() throws Exception {
    Undertow upstream = tlsUpstream(TestTls.LOCALHOST);
    try {
      HttpResponse<String> r = call(upstream, Map.of(), b -> b.upstreamTrust(TestTls.trusting(TestTls.LOCALHOST)));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("sni=llm.test");
    } finally {
      upstream.stop();
    }
  }

  @Test
  void anUntrustedCertificateIs502ByDefault() throws Exception {
    Undertow upstream = tlsUpstream(TestTls.LOCALHOST);
    try {
      assertThat(call(upstream, Map.of(), b -> {}).statusCode()).isEqualTo(502);
    } finally {
      upstream.stop();
    }
  }

  @Test
  void aTrustedCertificateForAnotherNameIs502() throws Exception {
    Undertow upstream = tlsUpstream(TestTls.OTHER);
    try {
      assertThat(call(upstream, Map.of(), b -> b.upstreamTrust(TestTls.trusting(TestTls.OTHER))).statusCode())
          .isEqualTo(502);
    } finally {
      upstream.stop();
    }
  }

  @Test
  void tlsVerifyFalseAcceptsAnyCertificate() throws Exception {
    Undertow upstream = tlsUpstream(TestTls.OTHER);
    try {
      HttpResponse<String> r = call(upstream, Map.of("tls_verify", false), b -> {});
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("sni=llm.test");
    } finally {
      upstream.stop();
    }
  }
}
