package dev.llmgateway.undertow.internal.plugins;

import static dev.llmgateway.undertow.internal.plugins.StackGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.plugins.requestsizelimiting.RequestSizeLimitingType;
import dev.llmgateway.undertow.embed.AccessLogOptions;
import dev.llmgateway.undertow.internal.testing.RawHttpConnection;
import dev.llmgateway.undertow.internal.testing.StubHandlers;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** request-size-limiting through a real gateway: declared, chunked and required lengths, units and scopes. */
class RequestSizeLimitingProxyTest {
  private static StackGateway gw;
  private static StubUpstream upstream;

  @BeforeAll
  static void start() throws Exception {
    gw = StackGateway.start(Clock.systemUTC(), AccessLogOptions.off(), List.of(new RequestSizeLimitingType()));
    upstream = StubUpstream.start(StubHandlers.echo());
    gw.adminForm("POST", "/services", "name=sized&url=" + upstream.url());
    for (String r : List.of("bytes", "kib", "required", "big", "bare")) {
      gw.adminForm("POST", "/services/sized/routes", "name=" + r + "&paths[]=/" + r);
    }
    gw.adminForm("POST", "/routes/bytes/plugins",
        "name=request-size-limiting&config.allowed_payload_size=10&config.size_unit=bytes");
    gw.adminForm("POST", "/routes/kib/plugins",
        "name=request-size-limiting&config.allowed_payload_size=1&config.size_unit=kilobytes");
    gw.adminForm("POST", "/routes/required/plugins",
        "name=request-size-limiting&config.require_content_length=true");
    gw.adminForm("POST", "/routes/big/plugins",
        "name=request-size-limiting&config.allowed_payload_size=100&config.size_unit=kilobytes");
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
    upstream.close();
  }

  private static int requestsTo(String prefix) {
    return (int) upstream.requests().stream().filter(q -> prefix.equals(q.header("X-Forwarded-Prefix"))).count();
  }

  private static String chunked(String path, String... chunks) {
    StringBuilder b = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (String c : chunks) {
      b.append(Integer.toHexString(c.length())).append("\r\n").append(c).append("\r\n");
    }
    return b.append("0\r\n\r\n").toString();
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedBeforeTheUpstream() {
    int before = requestsTo("/bytes");
    HttpResponse<String> r = gw.proxy("POST", "/bytes/x", "01234567890");
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(json(r)).containsEntry("message", "Request size limit exceeded").containsKey("request_id");
    assertThat(requestsTo("/bytes")).isEqualTo(before);
    HttpResponse<String> equal = gw.proxy("POST", "/bytes/x", "0123456789");
    assertThat(equal.statusCode()).isEqualTo(200);
    assertThat(json(equal)).containsEntry("body_length", 10L);
  }

  @Test
  void kilobytesAreBinary() {
    assertThat(gw.proxy("POST", "/kib/x", "a".repeat(1024)).statusCode()).isEqualTo(200);
    assertThat(gw.proxy("POST", "/kib/x", "a".repeat(1025)).statusCode()).isEqualTo(413);
  }

  @Test
  void expectContinueGets417AndTheBodyIsNeverSent() throws IOException {
    int before = requestsTo("/bytes");
    try (RawHttpConnection c = RawHttpConnection.open(gw.proxyPort())) {
      c.write("POST /bytes/x HTTP/1.1\r\nHost: gw\r\nContent-Length: 11\r\nExpect: 100-continue\r\n\r\n");
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.status()).isEqualTo(417);
      assertThat(Json.parseObject(new String(c.readBody(head), StandardCharsets.UTF_8)))
          .containsEntry("message", "Request size limit exceeded");
    }
    assertThat(requestsTo("/bytes")).isEqualTo(before);
  }

  @Test
  void aSmallChunkedBodyOverTheLimitNeverReachesTheUpstream() throws IOException {
    int before = requestsTo("/bytes");
    try (RawHttpConnection c = RawHttpConnection.open(gw.proxyPort())) {
      c.write(chunked("/bytes/x", "012345", "67890"));
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.status()).isEqualTo(413);
      assertThat(head.header("Connection")).isEqualTo("close");
    }
    assertThat(requestsTo("/bytes")).isEqualTo(before);
    try (RawHttpConnection c = RawHttpConnection.open(gw.proxyPort())) {
      c.write(chunked("/bytes/x", "01234", "56789"));
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.status()).isEqualTo(200);
      assertThat(Json.parseObject(new String(c.readBody(head), StandardCharsets.UTF_8)))
          .containsEntry("body_length", 10L);
    }
  }

  @Test
  void aLargeChunkedBodyIsCountedAsItStreamsAndCutOffAtTheLimit() throws Exception {
    int before = requestsTo("/big");
    int closedBefore = upstream.closedByPeer();
    String chunk = "x".repeat(16 * 1024);
    try (RawHttpConnection c = RawHttpConnection.open(gw.proxyPort())) {
      c.write("POST /big/x HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n");
      // 160 KiB against a 100 KiB limit: past the 64 KiB the gateway holds, the rest streams upstream.
      for (int i = 0; i < 10; i++) {
        try {
          c.write(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
        } catch (IOException closed) {
          break; // the gateway refused and closed: what was not sent does not matter
        }
      }
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.status()).isEqualTo(413);
      assertThat(Json.parseObject(new String(c.readBody(head), StandardCharsets.UTF_8)))
          .containsEntry("message", "Request size limit exceeded");
    }
    // The upstream never received a complete request: its connection was closed mid-body.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (upstream.closedByPeer() == closedBefore && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(upstream.closedByPeer()).isGreaterThan(closedBefore);
    assertThat(requestsTo("/big")).isEqualTo(before);
    try (RawHttpConnection c = RawHttpConnection.open(gw.proxyPort())) {
      c.write("POST /big/x HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n");
      for (int i = 0; i < 6; i++) {
        c.write(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
      }
      c.write("0\r\n\r\n");
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.status()).isEqualTo(200);
      assertThat(Json.parseObject(new String(c.readBody(head), StandardCharsets.UTF_8)))
          .containsEntry("body_length", 6L * chunk.length());
    }
  }

  @Test
  void requireContentLength() throws IOException {
    try (RawHttpConnection c = RawHttpConnection.open(gw.proxyPort())) {
      c.write("GET /required/x HTTP/1.1\r\nHost: gw\r\n\r\n");
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.status()).isEqualTo(411);
      assertThat(Json.parseObject(new String(c.readBody(head), StandardCharsets.UTF_8)))
          .containsEntry("message", "A valid Content-Length header is required");
    }
    assertThat(gw.proxy("POST", "/required/x", "abc").statusCode()).isEqualTo(200);
    try (RawHttpConnection c = RawHttpConnection.open(gw.proxyPort())) {
      c.write(chunked("/required/x", "abc"));
      assertThat(c.readHead().status()).isEqualTo(200);
    }
  }

  @Test
  void serviceGlobalAndConsumerScopes() {
    gw.adminForm("POST", "/services", "name=sized2&url=" + upstream.url());
    gw.adminForm("POST", "/services/sized2/routes", "name=svc2&paths[]=/svc2");
    gw.adminForm("POST", "/services/sized2/plugins",
        "name=request-size-limiting&config.allowed_payload_size=4&config.size_unit=bytes");
    assertThat(gw.proxy("POST", "/svc2/x", "12345").statusCode()).isEqualTo(413);
    assertThat(gw.proxy("POST", "/svc2/x", "1234").statusCode()).isEqualTo(200);

    gw.adminForm("POST", "/routes", "name=keyed&paths[]=/keyed&service.name=sized2");
    gw.adminForm("POST", "/routes/keyed/plugins", "name=key-auth");
    gw.adminForm("POST", "/consumers", "username=small");
    gw.adminForm("POST", "/consumers/small/key-auth", "key=small-key");
    gw.adminForm("POST", "/consumers", "username=large");
    gw.adminForm("POST", "/consumers/large/key-auth", "key=large-key");
    gw.adminForm("POST", "/consumers/small/plugins",
        "name=request-size-limiting&config.allowed_payload_size=2&config.size_unit=bytes");
    // The consumer's plugin wins over the service's for that consumer only.
    assertThat(gw.proxy("POST", "/keyed/x", "123", "apikey", "small-key").statusCode()).isEqualTo(413);
    assertThat(gw.proxy("POST", "/keyed/x", "123", "apikey", "large-key").statusCode()).isEqualTo(200);
    assertThat(gw.proxy("POST", "/keyed/x", "12345", "apikey", "large-key").statusCode()).isEqualTo(413);

    HttpResponse<String> global = gw.admin("POST", "/plugins",
        "name=request-size-limiting&config.allowed_payload_size=1&config.size_unit=bytes",
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(global.statusCode()).isEqualTo(201);
    try {
      assertThat(gw.proxy("POST", "/bare/x", "12").statusCode()).isEqualTo(413);
      assertThat(gw.proxy("POST", "/bare/x", "1").statusCode()).isEqualTo(200);
    } finally {
      gw.admin("DELETE", "/plugins/" + json(global).get("id"), null);
    }
    assertThat(gw.proxy("POST", "/bare/x", "12").statusCode()).isEqualTo(200);
  }

  @Test
  void badConfigIsRefused() {
    HttpResponse<String> r = gw.admin("POST", "/routes/bare/plugins",
        "{\"name\":\"request-size-limiting\",\"config\":{\"size_unit\":\"gigabytes\"}}",
        "Content-Type", "application/json");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r)).containsEntry("fields",
        Map.of("config", Map.of("size_unit", "expected one of: megabytes, kilobytes, bytes")));
  }
}
