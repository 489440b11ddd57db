package dev.llmgateway.plugins.keyauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.plugins.testing.TestExchange;
import dev.llmgateway.plugins.testing.TestGateway;
import dev.llmgateway.plugins.testing.TestGateway.Outcome;
import dev.llmgateway.plugins.testing.TestRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** key-auth finding and checking keys: sources, order, duplicates, Bearer, identity headers. */
class KeyAuthAccessTest extends KeyAuthFixture {
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
}
