package dev.llmgateway.plugins.keyauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.config.ConfigSnapshot;
import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.Route;
import dev.llmgateway.plugin.Verdict;
import dev.llmgateway.plugins.testing.TestExchange;
import dev.llmgateway.plugins.testing.TestGateway;
import dev.llmgateway.plugins.testing.TestGateway.Outcome;
import dev.llmgateway.plugins.testing.TestRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyAuthAccessTest {
  private static final long NOW = 1_700_000_100L;
  private TestGateway gw;
  private UUID aliceId;
  private UUID aliceCredential;

  @BeforeEach
  void setUp() {
    gw = new TestGateway(new KeyAuthType(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC)));
    gw.service("llm", "http://127.0.0.1:9");
    gw.route("r", "/v1", "llm");
    aliceId = gw.consumer("alice", "alice-custom");
    gw.consumer("bob");
    aliceCredential = gw.credential("alice", "alice-key");
    gw.credential("bob", "bob-key");
  }

  private void keyAuth(Map<String, Object> config) {
    gw.plugin("key-auth", config, Map.of("service", "llm"));
  }

  private Outcome run(TestRequest request) {
    return gw.run("r", request);
  }

  @Test
  void missingKeyIs401WithWwwAuthenticate() {
    keyAuth(Map.of());
    Outcome o = run(TestRequest.get("/v1/models"));
    assertThat(o.status()).isEqualTo(401);
    assertThat(o.verdict().message()).isEqualTo("No API key found in request");
    assertThat(o.header("WWW-Authenticate")).isEqualTo("Key");
  }

  @Test
  void realmIsSentOnEvery401() {
    keyAuth(Map.of("realm", "llm-gateway"));
    for (TestRequest r : List.of(TestRequest.get("/v1"), TestRequest.get("/v1").header("apikey", "wrong"),
        TestRequest.get("/v1?apikey=a&apikey=b"))) {
      assertThat(run(r).header("WWW-Authenticate")).isEqualTo("Key realm=\"llm-gateway\"");
    }
  }

  @Test
  void unknownKeyIsUnauthorized() {
    keyAuth(Map.of());
    Outcome o = run(TestRequest.get("/v1").header("apikey", "alice-ke"));
    assertThat(o.status()).isEqualTo(401);
    assertThat(o.verdict().message()).isEqualTo("Unauthorized");
    assertThat(run(TestRequest.get("/v1").header("apikey", "alice-key ")).status()).isEqualTo(401);
    assertThat(run(TestRequest.get("/v1").header("apikey", "ALICE-KEY")).status()).isEqualTo(401);
  }

  @Test
  void emptyKeyIsNoKey() {
    keyAuth(Map.of());
    Outcome o = run(TestRequest.get("/v1").header("apikey", ""));
    assertThat(o.verdict().message()).isEqualTo("No API key found in request");
    assertThat(run(TestRequest.get("/v1?apikey=")).verdict().message()).isEqualTo("No API key found in request");
  }

  @Test
  void headerKeyAuthenticatesAndSetsIdentityHeaders() {
    keyAuth(Map.of());
    Outcome o = run(TestRequest.get("/v1").header("APIKEY", "alice-key")
        .header("X-Anonymous-Consumer", "true").header("X-Consumer-Username", "mallory"));
    assertThat(o.proceeded()).isTrue();
    TestExchange ex = o.exchange();
    assertThat(ex.consumer().id()).isEqualTo(aliceId);
    assertThat(ex.credentialId()).isEqualTo(aliceCredential.toString());
    assertThat(ex.upstreamHeaders().first("X-Consumer-ID")).isEqualTo(aliceId.toString());
    assertThat(ex.upstreamHeaders().first("X-Consumer-Username")).isEqualTo("alice");
    assertThat(ex.upstreamHeaders().all("X-Consumer-Username")).hasSize(1);
    assertThat(ex.upstreamHeaders().first("X-Consumer-Custom-ID")).isEqualTo("alice-custom");
    assertThat(ex.upstreamHeaders().first("X-Credential-Identifier")).isEqualTo(aliceCredential.toString());
    assertThat(ex.upstreamHeaders().contains("X-Anonymous-Consumer")).isFalse();
    assertThat(ex.upstreamHeaders().first("apikey")).isEqualTo("alice-key");
  }

  @Test
  void spoofedCustomIdIsClearedForAConsumerWithoutOne() {
    keyAuth(Map.of());
    Outcome o = run(TestRequest.get("/v1").header("apikey", "bob-key").header("X-Consumer-Custom-ID", "admin"));
    assertThat(o.proceeded()).isTrue();
    assertThat(o.exchange().upstreamHeaders().contains("X-Consumer-Custom-ID")).isFalse();
  }

  @Test
  void queryKeyAuthenticates() {
    keyAuth(Map.of());
    Outcome o = run(TestRequest.get("/v1/models?x=1&apikey=bob-key"));
    assertThat(o.proceeded()).isTrue();
    assertThat(o.exchange().consumer().username()).isEqualTo("bob");
    assertThat(o.exchange().removedQueryParams()).isEmpty();
  }

  @Test
  void keyInHeaderFalseIgnoresHeaders() {
    keyAuth(Map.of("key_in_header", false, "key_in_bearer", false));
    assertThat(run(TestRequest.get("/v1").header("apikey", "alice-key")).status()).isEqualTo(401);
    assertThat(run(TestRequest.get("/v1?apikey=alice-key")).proceeded()).isTrue();
  }

  @Test
  void keyInQueryFalseIgnoresQuery() {
    keyAuth(Map.of("key_in_query", false));
    assertThat(run(TestRequest.get("/v1?apikey=alice-key")).status()).isEqualTo(401);
    assertThat(run(TestRequest.get("/v1").header("apikey", "alice-key")).proceeded()).isTrue();
  }

  @Test
  void repeatedHeaderOrQueryIsADuplicate() {
    keyAuth(Map.of());
    Outcome header = run(TestRequest.get("/v1").header("apikey", "alice-key").header("apikey", "alice-key"));
    assertThat(header.status()).isEqualTo(401);
    assertThat(header.verdict().message()).isEqualTo("Duplicate API key found");
    assertThat(header.header("WWW-Authenticate")).isEqualTo("Key");
    Outcome query = run(TestRequest.get("/v1?apikey=alice-key&apikey=bob-key"));
    assertThat(query.verdict().message()).isEqualTo("Duplicate API key found");
  }

  @Test
  void keysInDifferentSourcesAreNotDuplicates() {
    keyAuth(Map.of());
    Outcome o = run(TestRequest.get("/v1?apikey=bob-key").header("apikey", "alice-key")
        .header("Authorization", "Bearer bob-key"));
    assertThat(o.proceeded()).isTrue();
    assertThat(o.exchange().consumer().username()).isEqualTo("alice");
  }

  @Test
  void keyNamesAreTriedInOrder() {
    keyAuth(Map.of("key_names", List.of("x-first", "x-second")));
    assertThat(run(TestRequest.get("/v1").header("x-second", "bob-key").header("x-first", "alice-key"))
        .exchange().consumer().username()).isEqualTo("alice");
    assertThat(run(TestRequest.get("/v1?x-first=alice-key").header("x-second", "bob-key"))
        .exchange().consumer().username()).isEqualTo("alice");
    assertThat(run(TestRequest.get("/v1").header("apikey", "alice-key")).status()).isEqualTo(401);
  }

  @Test
  void bearerTokenIsAKeyWhenNoKeyNameHoldsOne() {
    keyAuth(Map.of());
    Outcome o = run(TestRequest.get("/v1").header("Authorization", "Bearer alice-key"));
    assertThat(o.proceeded()).isTrue();
    assertThat(o.exchange().consumer().username()).isEqualTo("alice");
    assertThat(o.exchange().upstreamHeaders().first("Authorization")).isEqualTo("Bearer alice-key");
    assertThat(run(TestRequest.get("/v1").header("authorization", "bearer   bob-key  "))
        .exchange().consumer().username()).isEqualTo("bob");
    assertThat(run(TestRequest.get("/v1").header("Authorization", "Bearer wrong")).verdict().message())
        .isEqualTo("Unauthorized");
    assertThat(run(TestRequest.get("/v1").header("Authorization", "Basic YWxpY2Uta2V5")).verdict().message())
        .isEqualTo("No API key found in request");
    assertThat(run(TestRequest.get("/v1").header("Authorization", "Bearer")).verdict().message())
        .isEqualTo("No API key found in request");
  }

  @Test
  void keyNamesWinOverBearer() {
    keyAuth(Map.of());
    Outcome o = run(TestRequest.get("/v1").header("apikey", "bob-key").header("Authorization", "Bearer alice-key"));
    assertThat(o.exchange().consumer().username()).isEqualTo("bob");
    Outcome wrongNamed = run(TestRequest.get("/v1").header("apikey", "nope").header("Authorization", "Bearer alice-key"));
    assertThat(wrongNamed.status()).isEqualTo(401);
  }

  @Test
  void twoBearerTokensAreADuplicate() {
    keyAuth(Map.of());
    Outcome o = run(TestRequest.get("/v1").header("Authorization", "Bearer alice-key")
        .header("Authorization", "Bearer bob-key"));
    assertThat(o.verdict().message()).isEqualTo("Duplicate API key found");
  }

  @Test
  void keyInBearerFalseIgnoresAuthorization() {
    keyAuth(Map.of("key_in_bearer", false));
    assertThat(run(TestRequest.get("/v1").header("Authorization", "Bearer alice-key")).verdict().message())
        .isEqualTo("No API key found in request");
  }

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

  @Test
  void anonymousByIdOrUsername() {
    UUID guest = gw.consumer("guest");
    keyAuth(Map.of("anonymous", guest.toString()));
    Outcome byId = run(TestRequest.get("/v1").header("X-Credential-Identifier", "forged"));
    assertThat(byId.proceeded()).isTrue();
    assertThat(byId.exchange().consumer().id()).isEqualTo(guest);
    assertThat(byId.exchange().credentialId()).isNull();
    assertThat(byId.exchange().upstreamHeaders().first("X-Anonymous-Consumer")).isEqualTo("true");
    assertThat(byId.exchange().upstreamHeaders().first("X-Consumer-Username")).isEqualTo("guest");
    assertThat(byId.exchange().upstreamHeaders().contains("X-Credential-Identifier")).isFalse();
    Outcome valid = run(TestRequest.get("/v1").header("apikey", "alice-key"));
    assertThat(valid.exchange().consumer().username()).isEqualTo("alice");
    assertThat(valid.exchange().upstreamHeaders().contains("X-Anonymous-Consumer")).isFalse();
  }

  @Test
  void anonymousByUsernameCoversWrongKeys() {
    gw.consumer("guest");
    keyAuth(Map.of("anonymous", "guest"));
    Outcome o = run(TestRequest.get("/v1").header("apikey", "wrong"));
    assertThat(o.exchange().consumer().username()).isEqualTo("guest");
  }

  @Test
  void missingAnonymousConsumerIs500() {
    keyAuth(Map.of("anonymous", "nobody"));
    Outcome o = run(TestRequest.get("/v1"));
    assertThat(o.status()).isEqualTo(500);
    assertThat(o.verdict().message()).isEqualTo("An unexpected error occurred");
  }

  @Test
  void anonymousModeSkipsAlreadyAuthenticatedRequests() {
    gw.consumer("guest");
    keyAuth(Map.of("anonymous", "guest"));
    ConfigSnapshot snap = gw.snapshot();
    Route route = snap.route(gw.id(Route.TYPE, "r"));
    TestExchange ex = new TestExchange(TestRequest.get("/v1"), snap, route);
    Consumer bob = snap.consumer("bob");
    ex.authenticate(bob, "cred-from-another-plugin");
    Verdict v = snap.plan(route).select(0, null, "http").access(ex);
    assertThat(v.kind()).isEqualTo(Verdict.Kind.PROCEED);
    assertThat(ex.consumer()).isSameAs(bob);
    assertThat(ex.upstreamHeaders().contains("X-Anonymous-Consumer")).isFalse();
  }

  @Test
  void preflightSkipsOnlyWhenAsked() {
    keyAuth(Map.of());
    assertThat(run(TestRequest.get("/v1").method("OPTIONS")).status()).isEqualTo(401);
    gw = new TestGateway(new KeyAuthType());
    gw.service("llm", "http://127.0.0.1:9");
    gw.route("r", "/v1", "llm");
    keyAuth(Map.of("run_on_preflight", false));
    Outcome o = run(TestRequest.get("/v1").method("OPTIONS").header("X-Consumer-ID", "forged"));
    assertThat(o.proceeded()).isTrue();
    assertThat(o.exchange().consumer()).isNull();
    assertThat(o.exchange().upstreamHeaders().contains("X-Consumer-ID")).isFalse();
    assertThat(run(TestRequest.get("/v1").method("GET")).status()).isEqualTo(401);
  }

  @Test
  void expiredCredentialIsUnauthorized() {
    gw.consumer("carol");
    gw.credential("carol", "carol-old", NOW - 100, 100);
    gw.consumer("dave");
    gw.credential("dave", "dave-new", NOW - 100, 101);
    keyAuth(Map.of());
    assertThat(run(TestRequest.get("/v1").header("apikey", "carol-old")).verdict().message())
        .isEqualTo("Unauthorized");
    assertThat(run(TestRequest.get("/v1").header("apikey", "dave-new")).proceeded()).isTrue();
  }

  @Test
  void credentialIndexMatchesWholeKeysOnly() {
    keyAuth(Map.of());
    CredentialIndex index = CredentialIndex.of(gw.snapshot());
    assertThat(index.size()).isEqualTo(2);
    assertThat(index.find("alice-key").consumerId()).isEqualTo(aliceId);
    assertThat(index.find("alice-key\0")).isNull();
    assertThat(index.find("alice")).isNull();
    assertThat(index.find("")).isNull();
    assertThat(CredentialIndex.of(gw.snapshot())).isSameAs(index);
  }
}
