package dev.llmgateway.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ip-restriction through a real gateway, the client connecting from chosen addresses of the loopback range
 * 127.0.0.0/8 (any of them can be bound locally). Moved from gateway-core's test against the hand-written
 * TestExchange, which could pretend any client address; IPv6 addresses other than ::1 cannot be a real client
 * here, so the IPv6 matching stays covered by the core test of {@code IpRange}.
 */
class IpRestrictionAccessTest {
  @RegisterExtension
  final GatewayExtension gw = GatewayExtension.withPlugins();

  /** A status and body read from a {@code GET /r} sent from local address {@code ip}. */
  record Answer(int status, String body) {
    String message() {
      return (String) Json.parseObject(body).get("message");
    }
  }

  private Answer from(String ip) throws IOException {
    int port = gw.uri("/").getPort();
    try (Socket s = new Socket()) {
      s.setSoTimeout(10_000);
      s.bind(new InetSocketAddress(ip, 0));
      s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      OutputStream out = s.getOutputStream();
      out.write("GET /r HTTP/1.1\r\nHost: gw.test\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(response.substring(9, 12));
      int bodyStart = response.indexOf("\r\n\r\n");
      return new Answer(status, bodyStart < 0 ? "" : response.substring(bodyStart + 4));
    }
  }

  private void ipRestriction(Map<String, Object> config) {
    gw.route("/r", "ip-restriction", config);
  }

  @Test
  void denyIsCheckedFirstThenAllow() throws Exception {
    ipRestriction(Map.of("allow", List.of("127.0.0.0/16", "2001:db8::/32"), "deny", List.of("127.0.0.66")));
    assertThat(from("127.0.9.9").status()).isEqualTo(200);
    Answer denied = from("127.0.0.66");
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.message()).isEqualTo("IP address not allowed: 127.0.0.66");
    Answer outside = from("127.1.0.1");
    assertThat(outside.status()).isEqualTo(403);
    assertThat(outside.message()).isEqualTo("IP address not allowed: 127.1.0.1");
    assertThat(gw.upstream().count()).isOne();
  }

  @Test
  void statusAndMessageOptions() throws Exception {
    ipRestriction(Map.of("deny", List.of("0.0.0.0/0"), "status", 401L, "message", "go away"));
    Answer o = from("127.0.0.5");
    assertThat(o.status()).isEqualTo(401);
    assertThat(o.message()).isEqualTo("go away");
  }

  @Test
  void aStatusKongCannotSendIsA500() throws Exception {
    ipRestriction(Map.of("deny", List.of("127.0.0.4"), "status", 200L));
    assertThat(from("127.0.0.4").status()).isEqualTo(500);
    assertThat(from("127.0.0.5").status()).isEqualTo(200);
  }
}
