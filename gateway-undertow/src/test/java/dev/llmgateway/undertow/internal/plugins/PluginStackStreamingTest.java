package dev.llmgateway.undertow.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.plugins.cors.CorsType;
import dev.llmgateway.internal.plugins.iprestriction.IpRestrictionType;
import dev.llmgateway.internal.plugins.requesttransformer.RequestTransformerType;
import dev.llmgateway.undertow.embed.AccessLogOptions;
import dev.llmgateway.undertow.internal.testing.RawHttpConnection;
import dev.llmgateway.undertow.internal.testing.Sse;
import dev.llmgateway.undertow.internal.testing.StubRequest;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A route with key-auth, acl, cors, ip-restriction, request-transformer and rate-limiting together still streams
 * an SSE response event by event: the upstream writes each event only after the client has read the previous one.
 */
class PluginStackStreamingTest {
  private static final int EVENTS = 5;
  private static StackGateway gw;
  private static StubUpstream upstream;
  private static final CountDownLatch[] READ = new CountDownLatch[EVENTS];

  @BeforeAll
  static void start() throws Exception {
    for (int i = 0; i < EVENTS; i++) {
      READ[i] = new CountDownLatch(1);
    }
    gw = StackGateway.start(Clock.systemUTC(), AccessLogOptions.off(),
        List.of(new CorsType(), new IpRestrictionType(), new RequestTransformerType()));
    upstream = StubUpstream.start(ex -> {
      ex.startChunked(200, "text/event-stream");
      for (int i = 0; i < EVENTS; i++) {
        ex.write("data: {\"token\":" + i + "}\n\n");
        if (!READ[i].await(10, TimeUnit.SECONDS)) {
          throw new AssertionError("event " + i + " never reached the client");
        }
      }
      ex.write("data: [DONE]\n\n");
      ex.end();
    });
    gw.adminForm("POST", "/services", "name=llm-stack&url=" + upstream.url());
    gw.adminForm("POST", "/services/llm-stack/routes", "name=llm-stack&paths[]=/stack");
    gw.adminForm("POST", "/routes/llm-stack/plugins", "name=key-auth");
    gw.adminForm("POST", "/routes/llm-stack/plugins", "name=acl&config.allow=gold");
    gw.adminForm("POST", "/routes/llm-stack/plugins", "name=cors&config.origins[]=https://app.test"
        + "&config.exposed_headers[]=X-RateLimit-Remaining-Minute");
    gw.adminForm("POST", "/routes/llm-stack/plugins", "name=ip-restriction&config.allow[]=127.0.0.0/8");
    gw.adminForm("POST", "/routes/llm-stack/plugins", "name=request-transformer&config.add.headers[]=x-tenant:t1"
        + "&config.add.body[]=user:gateway");
    gw.adminForm("POST", "/routes/llm-stack/plugins", "name=rate-limiting&config.minute=100");
    gw.adminForm("POST", "/consumers", "username=streamer");
    gw.adminForm("POST", "/consumers/streamer/key-auth", "key=stream-key");
    gw.adminForm("POST", "/consumers/streamer/acls", "group=gold");
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
    upstream.close();
  }

  @Test
  void sseArrivesEventByEventThroughTheWholeStack() throws Exception {
    String body = "{\"model\":\"m\",\"stream\":true}";
    try (RawHttpConnection c = RawHttpConnection.open(gw.proxyPort())) {
      c.write("POST /stack/v1/chat/completions HTTP/1.1\r\nHost: gw\r\nOrigin: https://app.test\r\n"
          + "apikey: stream-key\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
          + "\r\n\r\n" + body);
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("Content-Type")).isEqualTo("text/event-stream");
      assertThat(head.chunked()).isTrue();
      assertThat(head.header("Access-Control-Allow-Origin")).isEqualTo("https://app.test");
      assertThat(head.header("Access-Control-Expose-Headers")).isEqualTo("X-RateLimit-Remaining-Minute");
      assertThat(head.header("X-RateLimit-Limit-Minute")).isEqualTo("100");
      Sse sse = new Sse(c);
      for (int i = 0; i < EVENTS; i++) {
        // The stub writes event i+1 only after this read: each event crossed the gateway on its own.
        assertThat(sse.next()).isEqualTo("data: {\"token\":" + i + "}\n\n");
        READ[i].countDown();
      }
      assertThat(sse.next()).isEqualTo("data: [DONE]\n\n");
      assertThat(sse.next()).isNull();
    }
    StubRequest seen = upstream.takeRequest(Duration.ofSeconds(5));
    assertThat(seen.header("x-tenant")).isEqualTo("t1");
    assertThat(seen.header("x-consumer-groups")).isEqualTo("gold");
    assertThat(Json.parseObject(seen.bodyText())).containsEntry("user", "gateway").containsEntry("stream", true);
  }
}
