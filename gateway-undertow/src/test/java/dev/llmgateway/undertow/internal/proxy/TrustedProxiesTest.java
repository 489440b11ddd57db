package dev.llmgateway.undertow.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.net.TrustedProxies;
import dev.llmgateway.undertow.embed.AccessLogOptions;
import dev.llmgateway.undertow.embed.EmbeddedGateway;
import dev.llmgateway.undertow.internal.testing.StubHandlers;
import dev.llmgateway.undertow.internal.testing.StubRequest;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests from 127.0.0.1 carrying {@code X-Forwarded-For}, through a real gateway, with 127.0.0.1 trusted and
 * not: the resolved client address drives ip-restriction, rate-limiting by ip, the log serializer, the access log
 * and the headers sent upstream, as Kong's {@code trusted_ips} does.
 */
class TrustedProxiesTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir
  Path dir;

  private String config(StubUpstream upstream) {
    String log = dir.resolve("file-log.json").toString().replace("\\", "/");
    return "_format_version: '3.0'\n"
        + "services:\n"
        + "- name: s\n"
        + "  url: " + upstream.url() + "\n"
        + "  routes:\n"
        + "  - name: echo\n    paths: [/echo]\n"
        + "    plugins:\n    - name: file-log\n      config: {path: '" + log + "'}\n"
        + "  - name: ipr\n    paths: [/ipr]\n"
        + "    plugins:\n    - name: ip-restriction\n      config: {allow: [203.0.113.0/24]}\n"
        + "  - name: rl\n    paths: [/rl]\n"
        + "    plugins:\n    - name: rate-limiting\n      config: {minute: 1, limit_by: ip}\n";
  }

  private static HttpResponse<String> get(EmbeddedGateway gw, String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(gw.proxyUri().resolve(path)).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private EmbeddedGateway start(StubUpstream upstream, TrustedProxies trusted) throws Exception {
    return EmbeddedGateway.builder().proxyListener("127.0.0.1", 0).ioThreads(1).workerThreads(2)
        .initialConfig(config(upstream)).trustedProxies(trusted)
        .accessLog(AccessLogOptions.file(dir.resolve("access.log")).asJson()).start();
  }

  private static String waitForLine(Path file, String needle) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file)) {
          if (line.contains(needle)) {
            return line;
          }
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no line with " + needle + " in " + file);
  }

  @Test
  void aTrustedProxyNamesTheClient() throws Exception {
    try (StubUpstream upstream = StubUpstream.start(StubHandlers.echo());
        EmbeddedGateway gw = start(upstream, TrustedProxies.parse("127.0.0.1", "X-Forwarded-For", true))) {
      assertThat(get(gw, "/ipr/x", "X-Forwarded-For", "203.0.113.7").statusCode()).isEqualTo(200);
      HttpResponse<String> refused = get(gw, "/ipr/x", "X-Forwarded-For", "198.51.100.1");
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("IP address not allowed: 198.51.100.1");
      // Recursive: an untrusted last entry is the client; a trusted one is skipped.
      assertThat(get(gw, "/ipr/x", "X-Forwarded-For", "203.0.113.7, 10.9.9.9").statusCode()).isEqualTo(403);
      assertThat(get(gw, "/ipr/x", "X-Forwarded-For", "203.0.113.7, 127.0.0.1").statusCode()).isEqualTo(200);

      // One counter per resolved client, not one for the proxy.
      assertThat(get(gw, "/rl/x", "X-Forwarded-For", "192.0.2.1").statusCode()).isEqualTo(200);
      assertThat(get(gw, "/rl/x", "X-Forwarded-For", "192.0.2.2").statusCode()).isEqualTo(200);
      assertThat(get(gw, "/rl/x", "X-Forwarded-For", "192.0.2.1").statusCode()).isEqualTo(429);

      assertThat(get(gw, "/echo/x", "X-Forwarded-For", "192.0.2.50", "X-Forwarded-Proto", "https",
          "X-Request-Marker", "trusted").statusCode()).isEqualTo(200);
      StubRequest seen = last(upstream);
      // Kong appends the TCP peer to the client's list and passes a trusted proxy's X-Forwarded-Proto on.
      assertThat(seen.header("X-Forwarded-For")).isEqualTo("192.0.2.50, 127.0.0.1");
      assertThat(seen.header("X-Real-IP")).isEqualTo("192.0.2.50");
      assertThat(seen.header("X-Forwarded-Proto")).isEqualTo("https");
      assertThat(waitForLine(dir.resolve("file-log.json"), "192.0.2.50")).contains("\"client_ip\":\"192.0.2.50\"");
      assertThat(waitForLine(dir.resolve("access.log"), "/echo/x")).contains("\"client_ip\":\"192.0.2.50\"");
    }
  }

  @Test
  void byDefaultThePeerIsTheClientWhateverTheHeaderSays() throws Exception {
    try (StubUpstream upstream = StubUpstream.start(StubHandlers.echo());
        EmbeddedGateway gw = start(upstream, TrustedProxies.NONE)) {
      HttpResponse<String> refused = get(gw, "/ipr/x", "X-Forwarded-For", "203.0.113.7", "X-Real-IP", "203.0.113.7");
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("IP address not allowed: 127.0.0.1");

      assertThat(get(gw, "/rl/x", "X-Forwarded-For", "192.0.2.1").statusCode()).isEqualTo(200);
      assertThat(get(gw, "/rl/x", "X-Forwarded-For", "192.0.2.2").statusCode()).isEqualTo(429);

      assertThat(get(gw, "/echo/x", "X-Forwarded-For", "192.0.2.50", "X-Forwarded-Proto", "https").statusCode())
          .isEqualTo(200);
      StubRequest seen = last(upstream);
      assertThat(seen.header("X-Forwarded-For")).isEqualTo("192.0.2.50, 127.0.0.1");
      assertThat(seen.header("X-Real-IP")).isEqualTo("127.0.0.1");
      assertThat(seen.header("X-Forwarded-Proto")).isEqualTo("http");
      assertThat(waitForLine(dir.resolve("file-log.json"), "/echo/x")).contains("\"client_ip\":\"127.0.0.1\"");
    }
  }

  @Test
  void anotherHeaderCanNameTheClient() throws Exception {
    try (StubUpstream upstream = StubUpstream.start(StubHandlers.echo());
        EmbeddedGateway gw = start(upstream, TrustedProxies.parse("10.0.0.0/8, 127.0.0.0/8, ::1",
            "CF-Connecting-IP", false))) {
      assertThat(get(gw, "/ipr/x", "CF-Connecting-IP", "203.0.113.9", "X-Forwarded-For", "198.51.100.1")
          .statusCode()).isEqualTo(200);
      assertThat(get(gw, "/ipr/x", "X-Forwarded-For", "203.0.113.9").statusCode()).isEqualTo(403);
    }
  }

  private static StubRequest last(StubUpstream upstream) {
    List<StubRequest> all = upstream.requests();
    return all.get(all.size() - 1);
  }
}
