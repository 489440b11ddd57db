package dev.llmgateway.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * key-auth's hide_credentials and key_in_body through a real gateway: what the upstream actually receives. These
 * replaced tests against a hand-written fake exchange, and double as the testkit's own end-to-end test.
 */
class KeyAuthHidingTest {
  @RegisterExtension
  final GatewayExtension gw = GatewayExtension.withPlugins();

  void keyAuth(Map<String, Object> config) {
    gw.route("/v1", "key-auth", config);
    gw.entities().apply(tx -> {
      tx.addConsumer("alice");
      tx.addConsumer("bob");
      tx.addKey("alice", "alice-key");
      return tx.addKey("bob", "bob-key");
    });
  }

  HttpResponse<String> post(String contentType, String body, String... headers) throws Exception {
    HttpRequest.Builder b = gw.request("/v1/chat", headers).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    return gw.send(b);
  }

  @Test
  void hideCredentialsRemovesHeaderQueryAndSameValueBearer() throws Exception {
    keyAuth(Map.of("hide_credentials", true));
    HttpResponse<String> r = gw.get("/v1/models?apikey=alice-key&q=1", "apikey", "alice-key",
        "Authorization", "Bearer alice-key");
    assertThat(r.statusCode()).isEqualTo(200);
    RecordedRequest seen = gw.upstream().last();
    assertThat(seen.path()).isEqualTo("/models");
    assertThat(seen.query()).isEqualTo("q=1");
    assertThat(seen.header("apikey")).isNull();
    assertThat(seen.header("Authorization")).isNull();
    assertThat(seen.header("X-Consumer-Username")).isEqualTo("alice");
  }

  @Test
  void hideCredentialsKeepsAnotherAuthorization() throws Exception {
    keyAuth(Map.of("hide_credentials", true));
    gw.get("/v1/models", "apikey", "alice-key", "Authorization", "Bearer vllm-server-key");
    assertThat(gw.upstream().last().headers("Authorization")).containsExactly("Bearer vllm-server-key");
    assertThat(gw.upstream().last().header("apikey")).isNull();
  }

  @Test
  void hideCredentialsRemovesABearerKey() throws Exception {
    keyAuth(Map.of("hide_credentials", true));
    assertThat(gw.get("/v1/models", "Authorization", "Bearer alice-key").statusCode()).isEqualTo(200);
    assertThat(gw.upstream().last().header("Authorization")).isNull();
  }

  @Test
  void hideCredentialsRemovesOtherKeyNamesOnlyWithTheSameValue() throws Exception {
    keyAuth(Map.of("hide_credentials", true, "key_names", List.of("apikey", "x-api-key")));
    gw.get("/v1/models?x-api-key=alice-key", "apikey", "alice-key", "x-api-key", "something-else");
    RecordedRequest seen = gw.upstream().last();
    assertThat(seen.header("apikey")).isNull();
    assertThat(seen.headers("x-api-key")).containsExactly("something-else");
    assertThat(seen.query()).isNull();
  }

  @Test
  void withoutHideCredentialsTheKeyStays() throws Exception {
    keyAuth(Map.of());
    gw.get("/v1/models", "apikey", "alice-key");
    assertThat(gw.upstream().last().header("apikey")).isEqualTo("alice-key");
  }

  @Test
  void formBodyKey() throws Exception {
    keyAuth(Map.of("key_in_body", true, "hide_credentials", true));
    assertThat(post("application/x-www-form-urlencoded", "a=1&apikey=alice-key&b=x%20y").statusCode())
        .isEqualTo(200);
    RecordedRequest seen = gw.upstream().last();
    assertThat(seen.header("X-Consumer-Username")).isEqualTo("alice");
    assertThat(seen.bodyText()).isEqualTo("a=1&b=x%20y");
    assertThat(seen.header("Content-Length")).isEqualTo("11");
  }

  @Test
  void jsonBodyKey() throws Exception {
    keyAuth(Map.of("key_in_body", true, "hide_credentials", true));
    post("application/json; charset=utf-8",
        "{\"model\":\"m\",\"apikey\":\"bob-key\",\"messages\":[{\"role\":\"user\"}]}");
    RecordedRequest seen = gw.upstream().last();
    assertThat(seen.header("X-Consumer-Username")).isEqualTo("bob");
    assertThat(seen.bodyText()).isEqualTo("{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]}");
  }

  @Test
  void jsonArrayKeyIsADuplicateAndNumbersAreIgnored() throws Exception {
    keyAuth(Map.of("key_in_body", true));
    HttpResponse<String> duplicate = post("application/json", "{\"apikey\":[\"a\",\"b\"]}");
    assertThat(duplicate.statusCode()).isEqualTo(401);
    assertThat(duplicate.body()).contains("\"message\":\"Duplicate API key found\"");
    assertThat(post("application/json", "{\"apikey\":5}").body()).contains("No API key found in request");
    assertThat(post("application/json", "not json").body()).contains("No API key found in request");
    assertThat(gw.upstream().count()).isZero();
  }

  @Test
  void multipartBodyKey() throws Exception {
    keyAuth(Map.of("key_in_body", true, "hide_credentials", true));
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nm1\r\n"
        + "--XyZ\r\nContent-Disposition: form-data; name=\"apikey\"\r\n\r\nalice-key\r\n"
        + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\napikey\r\n"
        + "--XyZ--\r\n";
    assertThat(post("multipart/form-data; boundary=XyZ", body).statusCode()).isEqualTo(200);
    RecordedRequest seen = gw.upstream().last();
    assertThat(seen.header("X-Consumer-Username")).isEqualTo("alice");
    assertThat(seen.bodyText()).isEqualTo(
        "--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nm1\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\napikey\r\n"
            + "--XyZ--\r\n");
  }

  @Test
  void bodyIsIgnoredWithoutKeyInBody() throws Exception {
    keyAuth(Map.of());
    assertThat(post("application/json", "{\"apikey\":\"alice-key\"}").statusCode()).isEqualTo(401);
  }

  @Test
  void headerWinsOverBodyAndHidingClearsTheNameEverywhere() throws Exception {
    keyAuth(Map.of("key_in_body", true, "hide_credentials", true));
    post("application/json", "{\"apikey\":\"alice-key\",\"x\":1}", "apikey", "bob-key");
    RecordedRequest seen = gw.upstream().last();
    assertThat(seen.header("X-Consumer-Username")).isEqualTo("bob");
    assertThat(seen.bodyText()).isEqualTo("{\"x\":1}");
  }
}
