package dev.llmgateway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.launcher.tls.TestKeys;
import dev.llmgateway.undertow.internal.testing.StubRequest;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's proxy settings that come from kong.conf, set through Kong's environment variables: trusted proxies
 * ({@code KONG_TRUSTED_IPS}, {@code KONG_REAL_IP_HEADER}), a private CA for https upstreams
 * ({@code KONG_LUA_SSL_TRUSTED_CERTIFICATE}) and header names with underscores; and the defaults without them.
 */
class ProxySettingsIT {
  @TempDir
  Path work;
  final Http http = new Http();
  StubUpstream plain;
  Undertow secure;
  Path caFile;
  Path config;

  @BeforeEach
  void upstreams() throws Exception {
    plain = StubUpstream.start(ex -> ex.respond(200, "text/plain", "plain-ok"));
    TestKeys.Pair pair = TestKeys.generate(work, "EC");
    caFile = TestKeys.writeCert(work.resolve("private-ca.pem"), pair.cert());
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("k", pair.key(), "x".toCharArray(), new Certificate[] {pair.cert()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "x".toCharArray());
    SSLContext server = SSLContext.getInstance("TLS");
    server.init(kmf.getKeyManagers(), null, null);
    secure = Undertow.builder().addHttpsListener(0, "127.0.0.1", server)
        .setHandler(ex -> ex.getResponseSender().send("private-ca-ok")).build();
    secure.start();
    int securePort = ((InetSocketAddress) secure.getListenerInfo().get(0).getAddress()).getPort();
    config = Files.writeString(work.resolve("kong.yml"), "_format_version: '3.0'\n"
        + "services:\n"
        + "- name: plain\n  url: " + plain.url() + "\n  routes:\n  - paths: [/plain]\n"
        + "  - paths: [/ipr]\n    plugins:\n    - name: ip-restriction\n      config: {allow: [203.0.113.0/24]}\n"
        + "- name: secure\n  url: https://localhost:" + securePort + "\n  routes:\n  - paths: [/secure]\n");
  }

  @AfterEach
  void stop() {
    plain.close();
    secure.stop();
  }

  GatewayJarProcess start(Map<String, String> env) throws Exception {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("GATEWAY_ADMIN_API_KEY", "proxy-settings-it-key");
    return GatewayJarProcess.start(all, work, "--proxy-listen", "127.0.0.1:0", "--admin-listen", "127.0.0.1:0",
        "--data-dir", "data", "--access-log", "off", "--config", config.toString());
  }

  private StubRequest last() {
    List<StubRequest> all = plain.requests();
    return all.get(all.size() - 1);
  }

  @Test
  void kongsVariablesSetTrustedProxiesUpstreamCaAndUnderscores() throws Exception {
    try (GatewayJarProcess gw = start(Map.of("KONG_TRUSTED_IPS", "127.0.0.1,::1",
        "KONG_REAL_IP_HEADER", "X-Forwarded-For", "KONG_REAL_IP_RECURSIVE", "on",
        "KONG_LUA_SSL_TRUSTED_CERTIFICATE", caFile.toString(), "KONG_NGINX_HTTP_UNDERSCORES_IN_HEADERS", "on"))) {
      assertThat(http.get(gw.proxy("/ipr/x"), "X-Forwarded-For", "203.0.113.7").statusCode()).isEqualTo(200);
      assertThat(http.get(gw.proxy("/ipr/x"), "X-Forwarded-For", "198.51.100.7").statusCode()).isEqualTo(403);

      assertThat(http.get(gw.proxy("/plain/x"), "X-Forwarded-For", "203.0.113.7", "X_Tenant", "blue").statusCode())
          .isEqualTo(200);
      assertThat(last().header("X-Real-IP")).isEqualTo("203.0.113.7");
      assertThat(last().header("X-Forwarded-For")).isEqualTo("203.0.113.7, 127.0.0.1");
      assertThat(last().header("X_Tenant")).isEqualTo("blue");

      var r = http.get(gw.proxy("/secure/x"));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("private-ca-ok");
    }
  }

  @Test
  void byDefaultThePeerIsTheClientThePrivateCaIsRefusedAndUnderscoresAreDropped() throws Exception {
    try (GatewayJarProcess gw = start(Map.of())) {
      var refused = http.get(gw.proxy("/ipr/x"), "X-Forwarded-For", "203.0.113.7");
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("IP address not allowed: 127.0.0.1");

      assertThat(http.get(gw.proxy("/plain/x"), "X-Forwarded-For", "203.0.113.7", "X_Tenant", "blue").statusCode())
          .isEqualTo(200);
      assertThat(last().header("X-Real-IP")).isEqualTo("127.0.0.1");
      assertThat(last().header("X_Tenant")).isNull();

      assertThat(http.get(gw.proxy("/secure/x")).statusCode()).isEqualTo(502);
    }
  }

  @Test
  void anUnreadableCaBundleStopsTheStartWithOneLine() throws Exception {
    GatewayJarProcess p = GatewayJarProcess.run(Map.of("KONG_LUA_SSL_TRUSTED_CERTIFICATE",
        work.resolve("missing.pem").toString()), work, "--proxy-listen", "127.0.0.1:0", "--admin-listen",
        "127.0.0.1:0", "--data-dir", "data");
    try (p) {
      assertThat(p.awaitExit(30)).isEqualTo(1);
      assertThat(p.output()).contains("cannot read upstream CA bundle " + work.resolve("missing.pem") + ": no such file");
    }
  }
}
