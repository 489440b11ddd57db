package dev.llmgateway.undertow.internal.plugins;

import static dev.llmgateway.undertow.internal.plugins.StackGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.plugins.requesttransformer.RequestTransformerType;
import dev.llmgateway.undertow.embed.AccessLogOptions;
import dev.llmgateway.undertow.internal.testing.RawHttpConnection;
import dev.llmgateway.undertow.internal.testing.StubHandlers;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** request-transformer through a real gateway: every operation on headers, query and bodies, and each scope. */
class RequestTransformerProxyTest {
  private static StackGateway gw;
  private static StubUpstream upstream;

  @BeforeAll
  static void start() throws Exception {
    gw = StackGateway.start(Clock.systemUTC(), AccessLogOptions.off(), List.of(new RequestTransformerType()));
    upstream = StubUpstream.start(ex -> {
      Map<String, Object> out = new LinkedHashMap<>(Json.parseObject(StubHandlers.describe(ex.request())));
      out.put("body", ex.request().bodyText());
      ex.respond(200, "application/json", Json.write(out));
    });
    gw.adminForm("POST", "/services", "name=rt&url=" + upstream.url() + "/base");
    for (String r : List.of("headers", "query", "json", "form", "method", "uri", "bare")) {
      gw.adminForm("POST", "/services/rt/routes", "name=rt-" + r + "&paths[]=/rt-" + r);
    }
    plugin("/routes/rt-headers/plugins", "{\"remove\":{\"headers\":[\"x-remove\"]},"
        + "\"rename\":{\"headers\":[\"x-old:x-new\"]},\"replace\":{\"headers\":[\"x-replace:replaced\","
        + "\"x-absent:never\"]},\"add\":{\"headers\":[\"x-add:added\",\"x-present:not-added\"]},"
        + "\"append\":{\"headers\":[\"x-append:second\"]}}");
    plugin("/routes/rt-query/plugins", "{\"remove\":{\"querystring\":[\"drop\"]},"
        + "\"rename\":{\"querystring\":[\"old:new\"]},\"replace\":{\"querystring\":[\"rep:r v\",\"none:x\"]},"
        + "\"add\":{\"querystring\":[\"add:a\",\"keep:no\"]},\"append\":{\"querystring\":[\"app:2\"]}}");
    plugin("/routes/rt-json/plugins", "{\"remove\":{\"body\":[\"secret\"]},\"rename\":{\"body\":[\"old:new\"]},"
        + "\"replace\":{\"body\":[\"model:gpt-x\"]},\"add\":{\"body\":[\"user:gw\",\"model:ignored\"]},"
        + "\"append\":{\"body\":[\"tags:b\",\"list:z\",\"fresh:f\"]}}");
    plugin("/routes/rt-form/plugins", "{\"remove\":{\"body\":[\"secret\"]},\"add\":{\"body\":[\"user:gw\"]}}");
    plugin("/routes/rt-method/plugins", "{\"http_method\":\"GET\"}");
    plugin("/routes/rt-uri/plugins", "{\"replace\":{\"uri\":\"/elsewhere/v2\"}}");
  }

  private static void plugin(String path, String config) {
    HttpResponse<String> r = gw.admin("POST", path, "{\"name\":\"request-transformer\",\"config\":" + config + "}",
        "Content-Type", "application/json");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
    upstream.close();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, List<String>> headers(HttpResponse<String> r) {
    return (Map<String, List<String>>) json(r).get("headers");
  }

  @Test
  void headers() {
    Map<String, List<String>> h = headers(gw.proxy("GET", "/rt-headers/x", null, "X-Remove", "1", "X-Old", "o",
        "X-Replace", "r", "X-Present", "p", "X-Append", "first"));
    assertThat(h).doesNotContainKeys("x-remove", "x-old", "x-absent");
    assertThat(h).containsEntry("x-new", List.of("o")).containsEntry("x-replace", List.of("replaced"))
        .containsEntry("x-add", List.of("added")).containsEntry("x-present", List.of("p"))
        .containsEntry("x-append", List.of("first", "second"));
  }

  @Test
  void querystring() {
    Map<String, Object> r = json(gw.proxy("GET", "/rt-query/x?drop=1&old=o&rep=1&keep=k&app=1", null));
    assertThat(r.get("query")).isEqualTo("add=a&app=1&app=2&keep=k&new=o&rep=r%20v");
    Map<String, Object> untouched = json(gw.proxy("GET", "/rt-bare/x?b=2&a=%7e1", null));
    assertThat(untouched.get("query")).isEqualTo("b=2&a=%7e1");
  }

  @Test
  void jsonBody() {
    HttpResponse<String> r = gw.proxy("POST", "/rt-json/x",
        "{\"model\":\"m\",\"secret\":\"s\",\"old\":1,\"tags\":\"a\",\"list\":[\"y\"],\"n\":2}",
        "Content-Type", "application/json");
    Map<String, Object> body = Json.parseObject((String) json(r).get("body"));
    assertThat(body).doesNotContainKeys("secret", "old");
    assertThat(body).containsEntry("model", "gpt-x").containsEntry("new", 1L).containsEntry("user", "gw")
        .containsEntry("tags", List.of("a", "b")).containsEntry("list", List.of("y", "z"))
        .containsEntry("fresh", List.of("f")).containsEntry("n", 2L);
    assertThat(headers(r).get("content-length"))
        .containsExactly(Integer.toString(((String) json(r).get("body")).getBytes(StandardCharsets.UTF_8).length));
    // Not JSON: left as it is.
    HttpResponse<String> broken = gw.proxy("POST", "/rt-json/x", "{not json", "Content-Type", "application/json");
    assertThat(json(broken).get("body")).isEqualTo("{not json");
    // Another type: left as it is.
    HttpResponse<String> text = gw.proxy("POST", "/rt-json/x", "secret=1", "Content-Type", "text/plain");
    assertThat(json(text).get("body")).isEqualTo("secret=1");
  }

  @Test
  void formBody() {
    HttpResponse<String> r = gw.proxy("POST", "/rt-form/x", "secret=s&b=2&a=1",
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(json(r).get("body")).isEqualTo("a=1&b=2&user=gw");
  }

  @Test
  void aStreamedJsonBodyIsHeldWholeAndChanged() throws Exception {
    try (RawHttpConnection c = RawHttpConnection.open(gw.proxyPort())) {
      c.write("POST /rt-json/x HTTP/1.1\r\nHost: gw\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n6\r\n{\"a\":1\r\n1\r\n}\r\n0\r\n\r\n");
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.status()).isEqualTo(200);
      Map<String, Object> r = Json.parseObject(new String(c.readBody(head), StandardCharsets.UTF_8));
      assertThat(Json.parseObject((String) r.get("body"))).containsEntry("a", 1L).containsEntry("user", "gw");
    }
  }

  @Test
  void methodAndFormFieldsIntoTheQuery() {
    HttpResponse<String> r = gw.proxy("POST", "/rt-method/x?q=1", "f=2",
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(json(r)).containsEntry("method", "GET").containsEntry("query", "f=2&q=1");
  }

  @Test
  void replaceUriSetsTheWholeUpstreamPath() {
    Map<String, Object> r = json(gw.proxy("GET", "/rt-uri/anything?x=1", null));
    assertThat(r).containsEntry("path", "/elsewhere/v2").containsEntry("query", "x=1");
  }

  @Test
  void serviceConsumerAndGlobalScopes() {
    gw.adminForm("POST", "/services", "name=rt2&url=" + upstream.url());
    gw.adminForm("POST", "/services/rt2/routes", "name=rt2-open&paths[]=/rt2-open");
    gw.adminForm("POST", "/services/rt2/routes", "name=rt2-keyed&paths[]=/rt2-keyed");
    gw.adminForm("POST", "/services/rt2/plugins", "name=request-transformer&config.add.headers[]=x-scope:service");
    assertThat(headers(gw.proxy("GET", "/rt2-open/x", null))).containsEntry("x-scope", List.of("service"));

    gw.adminForm("POST", "/routes/rt2-keyed/plugins", "name=key-auth");
    gw.adminForm("POST", "/consumers", "username=rt-user");
    gw.adminForm("POST", "/consumers/rt-user/key-auth", "key=rt-key");
    gw.adminForm("POST", "/consumers/rt-user/plugins", "name=request-transformer&config.add.headers[]=x-scope:consumer");
    assertThat(headers(gw.proxy("GET", "/rt2-keyed/x", null, "apikey", "rt-key")))
        .containsEntry("x-scope", List.of("consumer"));

    HttpResponse<String> global = gw.admin("POST", "/plugins",
        "name=request-transformer&config.add.headers[]=x-scope:global",
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(global.statusCode()).isEqualTo(201);
    try {
      assertThat(headers(gw.proxy("GET", "/rt-bare/x", null))).containsEntry("x-scope", List.of("global"));
    } finally {
      gw.admin("DELETE", "/plugins/" + json(global).get("id"), null);
    }
  }

  @Test
  void templatesAreRefusedAtConfigTime() {
    HttpResponse<String> r = gw.admin("POST", "/routes/rt-bare/plugins",
        "name=request-transformer&config.add.headers[]=x-user:$(headers.x)",
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("request-transformer: the template in 'x-user:$(headers.x)' is Lua code");
  }
}
