package dev.llmgateway.undertow.internal.plugins;

import static dev.llmgateway.undertow.internal.plugins.StackGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.plugins.responsetransformer.ResponseTransformerType;
import dev.llmgateway.undertow.embed.AccessLogOptions;
import dev.llmgateway.undertow.internal.testing.RawHttpConnection;
import dev.llmgateway.undertow.internal.testing.Sse;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * response-transformer through a real gateway: header edits on every response, JSON edits on whole bodies, and
 * streams (SSE, chunked JSON) passed through unbuffered with only their headers changed.
 */
class ResponseTransformerProxyTest {
  private static final String BODY = "{\"model\":\"m\",\"secret\":\"s\",\"usage\":{\"total\":3}}";
  private static StackGateway gw;
  private static StubUpstream upstream;
  private static volatile CountDownLatch[] read;

  @BeforeAll
  static void start() throws Exception {
    gw = StackGateway.start(Clock.systemUTC(), AccessLogOptions.off(), List.of(new ResponseTransformerType()));
    upstream = StubUpstream.start(ex -> {
      String path = ex.request().path();
      ex.header("X-Upstream", "u").header("X-Old", "o").header("X-Replace", "r");
      if (path.endsWith("/sse")) {
        ex.startChunked(200, "text/event-stream");
        for (int i = 0; i < 3; i++) {
          ex.write("data: {\"token\":" + i + "}\n\n");
          if (!read[i].await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("event " + i + " never reached the client");
          }
        }
        ex.end();
      } else if (path.endsWith("/chunked-json")) {
        ex.startChunked(200, "application/json");
        ex.write(BODY.substring(0, 10));
        ex.write(BODY.substring(10));
        ex.end();
      } else if (path.endsWith("/text")) {
        ex.respond(200, "text/plain", BODY);
      } else {
        ex.respond(200, "application/json; charset=utf-8", BODY);
      }
    });
    gw.adminForm("POST", "/services", "name=rst&url=" + upstream.url());
    for (String r : List.of("edit", "keyed", "bare")) {
      gw.adminForm("POST", "/services/rst/routes", "name=rst-" + r + "&paths[]=/rst-" + r);
    }
    HttpResponse<String> p = gw.admin("POST", "/routes/rst-edit/plugins", "{\"name\":\"response-transformer\","
        + "\"config\":{\"remove\":{\"headers\":[\"x-upstream\"],\"json\":[\"secret\"]},"
        + "\"rename\":{\"headers\":[\"x-old:x-new\"],\"json\":[\"model:engine\"]},"
        + "\"replace\":{\"headers\":[\"x-replace:replaced\",\"x-absent:no\"]},"
        + "\"add\":{\"headers\":[\"x-added:yes\"],\"json\":[\"cached:false\",\"n:1\"],"
        + "\"json_types\":[\"boolean\",\"number\"]},"
        + "\"append\":{\"headers\":[\"x-replace:again\"],\"json\":[\"tags:a\"]}}}",
        "Content-Type", "application/json");
    assertThat(p.statusCode()).as(p.body()).isEqualTo(201);
    gw.adminForm("POST", "/routes/rst-keyed/plugins", "name=key-auth");
    gw.adminForm("POST", "/routes/rst-keyed/plugins", "name=response-transformer&config.add.headers[]=x-seen:1");
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
    upstream.close();
  }

  private static String header(HttpResponse<String> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  private static void assertHeaderEdits(HttpResponse<String> r) {
    assertThat(header(r, "X-Upstream")).isNull();
    assertThat(header(r, "X-Old")).isNull();
    assertThat(header(r, "X-New")).isEqualTo("o");
    assertThat(r.headers().allValues("X-Replace")).containsExactly("replaced", "again");
    assertThat(header(r, "X-Absent")).isNull();
    assertThat(header(r, "X-Added")).isEqualTo("yes");
  }

  @Test
  void aWholeJsonBodyIsRewrittenWithItsNewLength() {
    HttpResponse<String> r = gw.proxy("GET", "/rst-edit/x", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertHeaderEdits(r);
    Map<String, Object> body = json(r);
    assertThat(body).doesNotContainKeys("secret", "model");
    assertThat(body).containsEntry("engine", "m").containsEntry("cached", false).containsEntry("n", 1L)
        .containsEntry("tags", List.of("a")).containsEntry("usage", Map.of("total", 3L));
    assertThat(header(r, "Content-Length"))
        .isEqualTo(Integer.toString(r.body().getBytes(StandardCharsets.UTF_8).length));
  }

  @Test
  void otherTypesKeepTheirBody() {
    HttpResponse<String> r = gw.proxy("GET", "/rst-edit/text", null);
    assertThat(r.body()).isEqualTo(BODY);
    assertHeaderEdits(r);
  }

  @Test
  void aChunkedJsonBodyStreamsThroughUnchanged() throws Exception {
    try (RawHttpConnection c = RawHttpConnection.open(gw.proxyPort())) {
      c.write("GET /rst-edit/chunked-json HTTP/1.1\r\nHost: gw\r\n\r\n");
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.chunked()).isTrue();
      assertThat(head.header("X-Added")).isEqualTo("yes");
      assertThat(new String(c.readBody(head), StandardCharsets.UTF_8)).isEqualTo(BODY);
    }
  }

  @Test
  void sseStreamsEventByEventWithHeaderEdits() throws Exception {
    read = new CountDownLatch[] {new CountDownLatch(1), new CountDownLatch(1), new CountDownLatch(1)};
    try (RawHttpConnection c = RawHttpConnection.open(gw.proxyPort())) {
      c.write("GET /rst-edit/sse HTTP/1.1\r\nHost: gw\r\n\r\n");
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("X-Added")).isEqualTo("yes");
      assertThat(head.header("X-Upstream")).isNull();
      Sse sse = new Sse(c);
      for (int i = 0; i < 3; i++) {
        // The upstream writes event i+1 only after this read: nothing is held back.
        assertThat(sse.next()).isEqualTo("data: {\"token\":" + i + "}\n\n");
        read[i].countDown();
      }
      assertThat(sse.next()).isNull();
    }
  }

  @Test
  void theGatewaysOwnAnswersGetHeaderEditsToo() {
    HttpResponse<String> r = gw.proxy("GET", "/rst-keyed/x", null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(header(r, "X-Seen")).isEqualTo("1");
    assertThat(Json.parseObject(r.body())).containsKey("message");
  }

  @Test
  void serviceConsumerAndGlobalScopes() {
    gw.adminForm("POST", "/services", "name=rst2&url=" + upstream.url());
    gw.adminForm("POST", "/services/rst2/routes", "name=rst2-open&paths[]=/rst2-open");
    gw.adminForm("POST", "/services/rst2/routes", "name=rst2-keyed&paths[]=/rst2-keyed");
    gw.adminForm("POST", "/services/rst2/plugins", "name=response-transformer&config.add.json[]=scope:service");
    assertThat(json(gw.proxy("GET", "/rst2-open/x", null))).containsEntry("scope", "service");

    gw.adminForm("POST", "/routes/rst2-keyed/plugins", "name=key-auth");
    gw.adminForm("POST", "/consumers", "username=rst-user");
    gw.adminForm("POST", "/consumers/rst-user/key-auth", "key=rst-key");
    gw.adminForm("POST", "/consumers/rst-user/plugins", "name=response-transformer&config.add.json[]=scope:consumer");
    assertThat(json(gw.proxy("GET", "/rst2-keyed/x", null, "apikey", "rst-key"))).containsEntry("scope", "consumer");

    HttpResponse<String> global = gw.admin("POST", "/plugins",
        "name=response-transformer&config.add.json[]=scope:global",
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(global.statusCode()).isEqualTo(201);
    try {
      assertThat(json(gw.proxy("GET", "/rst-bare/x", null))).containsEntry("scope", "global");
    } finally {
      gw.admin("DELETE", "/plugins/" + json(global).get("id"), null);
    }
  }
}
