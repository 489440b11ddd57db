package dev.llmgateway.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * key-auth finding and checking keys through a real gateway: sources, order, duplicates, Bearer, the identity
 * headers the upstream receives. Moved from gateway-core's test against the hand-written TestExchange.
 */
class KeyAuthAccessTest extends KeyAuthFixture {
  @Test
  void missingKeyIs401WithWwwAuthenticate() throws Exception {
    keyAuth(Map.of());
    HttpResponse<String> r = get("/v1/models");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(message(r)).isEqualTo("No API key found in request");
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Key");
    assertThat(gw.upstream().count()).isZero();
  }

  @Test
  void realmIsSentOnEvery401() throws Exception {
    keyAuth(Map.of("realm", "llm-gateway"));
    for (HttpResponse<String> r : List.of(get("/v1"), get("/v1", "apikey", "wrong"), get("/v1?apikey=a&apikey=b"))) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Key realm=\"llm-gateway\"");
    }
  }

  @Test
  void unknownKeyIsUnauthorized() throws Exception {
    keyAuth(Map.of());
    HttpResponse<String> r = get("/v1", "apikey", "alice-ke");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(message(r)).isEqualTo("Unauthorized");
    // A trailing space in a header value is optional whitespace to HTTP (gone before any plugin sees it), so the
    // key with a trailing space comes in the query, where it is part of the value.
    assertThat(get("/v1?apikey=alice-key%20").statusCode()).isEqualTo(401);
    assertThat(get("/v1", "apikey", "ALICE-KEY").statusCode()).isEqualTo(401);
  }

  @Test
  void emptyKeyIsNoKey() throws Exception {
    keyAuth(Map.of());
    assertThat(message(get("/v1", "apikey", ""))).isEqualTo("No API key found in request");
    assertThat(message(get("/v1?apikey="))).isEqualTo("No API key found in request");
  }

  @Test
  void headerKeyAuthenticatesAndSetsIdentityHeaders() throws Exception {
    keyAuth(Map.of());
    HttpResponse<String> r = get("/v1", "APIKEY", "alice-key", "X-Anonymous-Consumer", "true",
        "X-Consumer-Username", "mallory");
    assertThat(proceeded(r)).isTrue();
    RecordedRequest seen = gw.upstream().last();
    assertThat(seen.header("X-Consumer-ID")).isEqualTo(aliceId);
    assertThat(seen.header("X-Consumer-Username")).isEqualTo("alice");
    assertThat(seen.headers("X-Consumer-Username")).hasSize(1);
    assertThat(seen.header("X-Consumer-Custom-ID")).isEqualTo("alice-custom");
    assertThat(seen.header("X-Credential-Identifier")).isEqualTo(aliceCredential);
    assertThat(seen.header("X-Anonymous-Consumer")).isNull();
    assertThat(seen.header("apikey")).isEqualTo("alice-key");
  }

  @Test
  void spoofedCustomIdIsClearedForAConsumerWithoutOne() throws Exception {
    keyAuth(Map.of());
    HttpResponse<String> r = get("/v1", "apikey", "bob-key", "X-Consumer-Custom-ID", "admin");
    assertThat(proceeded(r)).isTrue();
    assertThat(upstreamHeader("X-Consumer-Custom-ID")).isNull();
  }

  @Test
  void queryKeyAuthenticates() throws Exception {
    keyAuth(Map.of());
    HttpResponse<String> r = get("/v1/models?x=1&apikey=bob-key");
    assertThat(proceeded(r)).isTrue();
    assertThat(upstreamHeader("X-Consumer-Username")).isEqualTo("bob");
    assertThat(gw.upstream().last().query()).isEqualTo("x=1&apikey=bob-key"); // nothing removed
  }

  @Test
  void keyInHeaderFalseIgnoresHeaders() throws Exception {
    keyAuth(Map.of("key_in_header", false, "key_in_bearer", false));
    assertThat(get("/v1", "apikey", "alice-key").statusCode()).isEqualTo(401);
    assertThat(proceeded(get("/v1?apikey=alice-key"))).isTrue();
  }

  @Test
  void keyInQueryFalseIgnoresQuery() throws Exception {
    keyAuth(Map.of("key_in_query", false));
    assertThat(get("/v1?apikey=alice-key").statusCode()).isEqualTo(401);
    assertThat(proceeded(get("/v1", "apikey", "alice-key"))).isTrue();
  }

  @Test
  void repeatedHeaderOrQueryIsADuplicate() throws Exception {
    keyAuth(Map.of());
    HttpResponse<String> header = get("/v1", "apikey", "alice-key", "apikey", "alice-key");
    assertThat(header.statusCode()).isEqualTo(401);
    assertThat(message(header)).isEqualTo("Duplicate API key found");
    assertThat(header.headers().firstValue("WWW-Authenticate")).hasValue("Key");
    assertThat(message(get("/v1?apikey=alice-key&apikey=bob-key"))).isEqualTo("Duplicate API key found");
  }

  @Test
  void keysInDifferentSourcesAreNotDuplicates() throws Exception {
    keyAuth(Map.of());
    HttpResponse<String> r = get("/v1?apikey=bob-key", "apikey", "alice-key", "Authorization", "Bearer bob-key");
    assertThat(proceeded(r)).isTrue();
    assertThat(upstreamHeader("X-Consumer-Username")).isEqualTo("alice");
  }

  @Test
  void keyNamesAreTriedInOrder() throws Exception {
    keyAuth(Map.of("key_names", List.of("x-first", "x-second")));
    get("/v1", "x-second", "bob-key", "x-first", "alice-key");
    assertThat(upstreamHeader("X-Consumer-Username")).isEqualTo("alice");
    get("/v1?x-first=alice-key", "x-second", "bob-key");
    assertThat(upstreamHeader("X-Consumer-Username")).isEqualTo("alice");
    assertThat(gw.upstream().count()).isEqualTo(2);
    assertThat(get("/v1", "apikey", "alice-key").statusCode()).isEqualTo(401);
  }

  @Test
  void bearerTokenIsAKeyWhenNoKeyNameHoldsOne() throws Exception {
    keyAuth(Map.of());
    HttpResponse<String> r = get("/v1", "Authorization", "Bearer alice-key");
    assertThat(proceeded(r)).isTrue();
    assertThat(upstreamHeader("X-Consumer-Username")).isEqualTo("alice");
    assertThat(upstreamHeader("Authorization")).isEqualTo("Bearer alice-key");
    assertThat(proceeded(get("/v1", "authorization", "bearer   bob-key  "))).isTrue();
    assertThat(upstreamHeader("X-Consumer-Username")).isEqualTo("bob");
    assertThat(message(get("/v1", "Authorization", "Bearer wrong"))).isEqualTo("Unauthorized");
    assertThat(message(get("/v1", "Authorization", "Basic YWxpY2Uta2V5"))).isEqualTo("No API key found in request");
    assertThat(message(get("/v1", "Authorization", "Bearer"))).isEqualTo("No API key found in request");
  }

  @Test
  void keyNamesWinOverBearer() throws Exception {
    keyAuth(Map.of());
    assertThat(proceeded(get("/v1", "apikey", "bob-key", "Authorization", "Bearer alice-key"))).isTrue();
    assertThat(upstreamHeader("X-Consumer-Username")).isEqualTo("bob");
    assertThat(get("/v1", "apikey", "nope", "Authorization", "Bearer alice-key").statusCode()).isEqualTo(401);
  }

  @Test
  void twoBearerTokensAreADuplicate() throws Exception {
    keyAuth(Map.of());
    HttpResponse<String> r = get("/v1", "Authorization", "Bearer alice-key", "Authorization", "Bearer bob-key");
    assertThat(message(r)).isEqualTo("Duplicate API key found");
  }

  @Test
  void keyInBearerFalseIgnoresAuthorization() throws Exception {
    keyAuth(Map.of("key_in_bearer", false));
    assertThat(message(get("/v1", "Authorization", "Bearer alice-key"))).isEqualTo("No API key found in request");
  }
}
