package dev.llmgateway.plugins.keyauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.config.ConfigSnapshot;
import dev.llmgateway.entity.Route;
import dev.llmgateway.plugins.testing.TestExchange;
import dev.llmgateway.plugins.testing.TestGateway;
import dev.llmgateway.plugins.testing.TestGateway.Outcome;
import dev.llmgateway.plugins.testing.TestRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** key-auth hide_credentials and key_in_body: what the upstream still sees. */
class KeyAuthHidingTest extends KeyAuthFixture {
  @Test
  void hideCredentialsRemovesHeaderQueryAndSameValueBearer() {
    keyAuth(Map.of("hide_credentials", true));
    Outcome o = run(TestRequest.get("/v1?apikey=alice-key&q=1").header("apikey", "alice-key")
        .header("Authorization", "Bearer alice-key"));
    assertThat(o.proceeded()).isTrue();
    TestExchange ex = o.exchange();
    assertThat(ex.upstreamHeaders().contains("apikey")).isFalse();
    assertThat(ex.upstreamHeaders().contains("Authorization")).isFalse();
    assertThat(ex.removedQueryParams()).containsExactly("apikey");
  }

  @Test
  void hideCredentialsKeepsAnotherAuthorization() {
    keyAuth(Map.of("hide_credentials", true));
    Outcome o = run(TestRequest.get("/v1").header("apikey", "alice-key")
        .header("Authorization", "Bearer vllm-server-key"));
    assertThat(o.exchange().upstreamHeaders().all("Authorization")).containsExactly("Bearer vllm-server-key");
    assertThat(o.exchange().upstreamHeaders().contains("apikey")).isFalse();
  }

  @Test
  void hideCredentialsRemovesABearerKey() {
    keyAuth(Map.of("hide_credentials", true));
    Outcome o = run(TestRequest.get("/v1").header("Authorization", "Bearer alice-key"));
    assertThat(o.proceeded()).isTrue();
    assertThat(o.exchange().upstreamHeaders().contains("Authorization")).isFalse();
  }

  @Test
  void hideCredentialsRemovesOtherKeyNamesOnlyWithTheSameValue() {
    keyAuth(Map.of("hide_credentials", true, "key_names", List.of("apikey", "x-api-key")));
    Outcome o = run(TestRequest.get("/v1?x-api-key=alice-key").header("apikey", "alice-key")
        .header("x-api-key", "something-else"));
    TestExchange ex = o.exchange();
    assertThat(ex.upstreamHeaders().contains("apikey")).isFalse();
    assertThat(ex.upstreamHeaders().all("x-api-key")).containsExactly("something-else");
    assertThat(ex.removedQueryParams()).containsExactly("x-api-key");
  }

  @Test
  void withoutHideCredentialsTheKeyStays() {
    keyAuth(Map.of());
    Outcome o = run(TestRequest.get("/v1").header("apikey", "alice-key"));
    assertThat(o.exchange().upstreamHeaders().first("apikey")).isEqualTo("alice-key");
  }

  @Test
  void bodyIsOnlyAskedForWithKeyInBody() {
    keyAuth(Map.of());
    ConfigSnapshot snap = gw.snapshot();
    Route route = snap.route(gw.id(Route.TYPE, "r"));
    assertThat(snap.plan(route).bodyLimit()).isZero();
    gw = new TestGateway(new KeyAuthType());
    gw.service("llm", "http://127.0.0.1:9");
    gw.route("r", "/v1", "llm");
    keyAuth(Map.of("key_in_body", true));
    snap = gw.snapshot();
    assertThat(snap.plan(snap.route(gw.id(Route.TYPE, "r"))).bodyLimit()).isEqualTo(KeyAuthPlugin.BODY_LIMIT);
  }

  @Test
  void formBodyKey() {
    keyAuth(Map.of("key_in_body", true, "hide_credentials", true));
    Outcome o = run(TestRequest.get("/v1").method("POST")
        .body("application/x-www-form-urlencoded", "a=1&apikey=alice-key&b=x%20y"));
    assertThat(o.proceeded()).isTrue();
    assertThat(o.exchange().consumer().username()).isEqualTo("alice");
    assertThat(new String(o.exchange().upstreamBody())).isEqualTo("a=1&b=x%20y");
  }

  @Test
  void jsonBodyKey() {
    keyAuth(Map.of("key_in_body", true, "hide_credentials", true));
    Outcome o = run(TestRequest.get("/v1").method("POST").body("application/json; charset=utf-8",
        "{\"model\":\"m\",\"apikey\":\"bob-key\",\"messages\":[{\"role\":\"user\"}]}"));
    assertThat(o.exchange().consumer().username()).isEqualTo("bob");
    assertThat(new String(o.exchange().upstreamBody()))
        .isEqualTo("{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]}");
  }

  @Test
  void jsonArrayKeyIsADuplicateAndNumbersAreIgnored() {
    keyAuth(Map.of("key_in_body", true));
    assertThat(run(TestRequest.get("/v1").method("POST").body("application/json", "{\"apikey\":[\"a\",\"b\"]}"))
        .verdict().message()).isEqualTo("Duplicate API key found");
    assertThat(run(TestRequest.get("/v1").method("POST").body("application/json", "{\"apikey\":5}"))
        .verdict().message()).isEqualTo("No API key found in request");
    assertThat(run(TestRequest.get("/v1").method("POST").body("application/json", "not json"))
        .verdict().message()).isEqualTo("No API key found in request");
  }

  @Test
  void multipartBodyKey() {
    keyAuth(Map.of("key_in_body", true, "hide_credentials", true));
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nm1\r\n"
        + "--XyZ\r\nContent-Disposition: form-data; name=\"apikey\"\r\n\r\nalice-key\r\n"
        + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\napikey\r\n"
        + "--XyZ--\r\n";
    Outcome o = run(TestRequest.get("/v1").method("POST").body("multipart/form-data; boundary=XyZ", body));
    assertThat(o.proceeded()).isTrue();
    assertThat(o.exchange().consumer().username()).isEqualTo("alice");
    assertThat(new String(o.exchange().upstreamBody())).isEqualTo(
        "--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nm1\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\napikey\r\n"
            + "--XyZ--\r\n");
  }

  @Test
  void bodyIsIgnoredWithoutKeyInBody() {
    keyAuth(Map.of());
    assertThat(run(TestRequest.get("/v1").method("POST").body("application/json", "{\"apikey\":\"alice-key\"}"))
        .status()).isEqualTo(401);
  }

  @Test
  void headerWinsOverBodyAndHidingClearsTheNameEverywhere() {
    keyAuth(Map.of("key_in_body", true, "hide_credentials", true));
    Outcome o = run(TestRequest.get("/v1").method("POST").header("apikey", "bob-key")
        .body("application/json", "{\"apikey\":\"alice-key\",\"x\":1}"));
    assertThat(o.exchange().consumer().username()).isEqualTo("bob");
    assertThat(new String(o.exchange().upstreamBody())).isEqualTo("{\"x\":1}");
  }
}
