package dev.llmgateway.undertow.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.undertow.internal.testing.Bodies;
import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.RawHttpConnection;
import dev.llmgateway.undertow.internal.testing.StubHandlers;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import dev.llmgateway.undertow.internal.testing.TestPlugins;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code Expect: 100-continue} is the gateway's to answer, after the access phase: the upstream never sees it, and a
 * request refused by a plugin never has its body read.
 */
class ExpectContinueTest {
  static StubUpstream stub;
  static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    stub = StubUpstream.start(StubHandlers.echo());
    TestConfig config = TestConfig.with(TestPlugins.refusing("refuse", 401, "Unauthorized"));
    UUID s = config.service("llm", stub.url());
    config.route(s, "/v1");
    UUID locked = config.route(s, "/locked");
    config.plugin("refuse", Map.of("route", Map.of("id", locked.toString()), "config", Map.of()));
    gateway = GatewayHarness.start(config.snapshot());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    stub.close();
  }

  @Test
  void aTwoMebibyteBodyWithExpectReachesTheUpstreamWholeAndWithoutExpect() throws Exception {
    byte[] body = new byte[2 * 1024 * 1024];
    Bodies.fill(body, 42);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(gateway.uri("/v1/files")).expectContinue(true)
        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    Map<String, Object> seen = Json.parseObject(r.body());
    assertThat(seen).containsEntry("body_length", (long) body.length)
        .containsEntry("body_sha256", Bodies.sha256(body));
    assertThat(((Map<?, ?>) seen.get("headers")).containsKey("expect")).isFalse();
  }

  @Test
  void theContinueComesFromTheGatewayBeforeTheBodyIsSent() throws Exception {
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      c.write("POST /v1/upload HTTP/1.1\r\nHost: gw\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
      assertThat(readLine(c.input())).isEqualTo("HTTP/1.1 100 Continue");
      c.write("hello");
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.status()).isEqualTo(200);
      assertThat(new String(c.readBody(head), StandardCharsets.UTF_8)).contains("\"body_length\":5");
    }
  }

  @Test
  void aRefusedRequestGetsItsAnswerWithoutTheBodyBeingRead() throws Exception {
    int before = stub.requests().size();
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      c.write("POST /locked/upload HTTP/1.1\r\nHost: gw\r\nExpect: 100-continue\r\nContent-Length: 2097152\r\n\r\n");
      RawHttpConnection.Head head = c.readHead(); // no body was sent: the answer cannot depend on it
      assertThat(head.status()).isEqualTo(401);
      assertThat(new String(c.readBody(head), StandardCharsets.UTF_8)).contains("\"message\":\"Unauthorized\"");
      assertThat(head.header("Connection")).isEqualToIgnoringCase("close");
      assertThat(c.awaitClosed(Duration.ofSeconds(10))).isTrue();
    }
    assertThat(stub.requests()).hasSize(before);
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n' && c >= 0; c = in.read()) {
      if (c != '\r') {
        line.write(c);
      }
    }
    in.read(); // the blank line ending the interim response
    in.read();
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
