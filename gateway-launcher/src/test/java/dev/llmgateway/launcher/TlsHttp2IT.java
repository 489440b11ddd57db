package dev.llmgateway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.launcher.tls.TestKeys;
import dev.llmgateway.undertow.internal.testing.StubExchange;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar's TLS listener with a PEM key: HTTP/2 by ALPN, SSE event by event over h2, a reset stream. */
class TlsHttp2IT {
  static final String STREAM = "{\"model\":\"m\",\"messages\":[],\"stream\":true}";

  @TempDir
  static Path work;
  static FakeLlm vllm;
  static GatewayJarProcess gateway;
  static Http h2;
  static SSLContext trust;

  @BeforeAll
  static void start() throws Exception {
    TestKeys.Pair pair = TestKeys.generate(work, "EC");
    Path cert = TestKeys.writeCert(work.resolve("cert.pem"), pair.cert());
    Path key = TestKeys.writePkcs8(work.resolve("key.pem"), pair.key());
    vllm = new FakeLlm("vllm");
    gateway = GatewayJarProcess.start(Map.of("VLLM_URL", vllm.url()), work, "--proxy-listen", "127.0.0.1:0",
        "--proxy-tls-listen", "127.0.0.1:0", "--tls-cert", cert.toString(), "--tls-key", key.toString(),
        "--admin-listen", "127.0.0.1:0", "--data-dir", "data", "--access-log", "off");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("gateway", pair.cert());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    trust = SSLContext.getInstance("TLS");
    trust.init(null, tmf.getTrustManagers(), null);
    h2 = Http.h2(trust);
  }

  @AfterAll
  static void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (vllm != null) {
      vllm.close();
    }
  }

  static URI tls(String path) {
    URI base = gateway.url("proxy", "https");
    return URI.create("https://localhost:" + base.getPort() + path);
  }

  @Test
  void clientsGetHttp2() throws Exception {
    HttpResponse<String> r = h2.get(tls("/v1/vllm/v1/models"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(r.body()).contains("vllm-model");
  }

  @Test
  void sseArrivesEventByEventOverHttp2() throws Exception {
    vllm.resetStream();
    try (Http.Lines lines = h2.stream(tls("/v1/vllm/v1/chat/completions"), STREAM)) {
      vllm.awaitStream(Duration.ofSeconds(10));
      assertThat(lines.response.version()).isEqualTo(HttpClient.Version.HTTP_2);
      for (int i = 0; i < 5; i++) {
        vllm.send("{\"token\":" + i + "}");
        assertThat(lines.nextData()).isEqualTo("{\"token\":" + i + "}");
      }
      vllm.send("[DONE]");
      assertThat(lines.nextData()).isEqualTo("[DONE]");
      assertThat(lines.nextData()).isNull();
    }
  }

  @Test
  void aResetHttp2StreamClosesTheUpstreamConnection() throws Exception {
    vllm.resetStream();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
        .sslContext(trust).connectTimeout(Duration.ofSeconds(10)).build();
    HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(tls("/v1/vllm/v1/chat/completions"))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(STREAM)).build(), HttpResponse.BodyHandlers.ofInputStream());
    StubExchange upstream = vllm.awaitStream(Duration.ofSeconds(10));
    vllm.send("first");
    InputStream body = response.body();
    byte[] first = new byte["data: first\n\n".length()];
    assertThat(body.readNBytes(first, 0, first.length)).isEqualTo(first.length);
    // Closing the body before its end makes the JDK client reset the stream (RST_STREAM, CANCEL).
    body.close();
    assertThat(upstream.awaitPeerClose(Duration.ofSeconds(10))).as("upstream connection closed by the gateway")
        .isTrue();
    // The h2 connection itself survives: the next request on the same client works.
    assertThat(client.send(HttpRequest.newBuilder(tls("/v1/vllm/v1/models")).timeout(Duration.ofSeconds(10))
        .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
  }
}
