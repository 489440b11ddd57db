package dev.llmgateway.internal.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Kong's value to hash: hash_on, then hash_fallback, then nothing; a missing cookie is invented and set. */
class HashValueTest {
  private static HashValue.Result of(Map<String, Object> fields, FakeRequest r) {
    return HashValue.of(Pools.upstream(fields), r.facts());
  }

  @Test
  void eachInputIsRead() {
    UUID consumer = UUID.randomUUID();
    assertThat(of(Map.of("hash_on", "consumer"), new FakeRequest().consumer(consumer)).value())
        .isEqualTo(consumer.toString());
    assertThat(of(Map.of("hash_on", "ip"), new FakeRequest().ip("10.1.2.3")).value()).isEqualTo("10.1.2.3");
    assertThat(of(Map.of("hash_on", "header", "hash_on_header", "x-user"), new FakeRequest().header("X-User", "u1"))
        .value()).isEqualTo("u1");
    assertThat(of(Map.of("hash_on", "path"), new FakeRequest().path("/v1/chat")).value()).isEqualTo("/v1/chat");
    assertThat(of(Map.of("hash_on", "query_arg", "hash_on_query_arg", "s"),
        new FakeRequest().query("s", "b").query("s", "a")).value()).isEqualTo("a,b");
    assertThat(of(Map.of("hash_on", "uri_capture", "hash_on_uri_capture", "model"),
        new FakeRequest().captures(Map.of("model", "llama"))).value()).isEqualTo("llama");
    assertThat(of(Map.of("hash_on", "cookie", "hash_on_cookie", "sid"),
        new FakeRequest().header("Cookie", "a=1; sid=xyz")).value()).isEqualTo("xyz");
  }

  @Test
  void theFallbackServesWhenTheFirstInputIsMissingAndNothingHashesEmpty() {
    Map<String, Object> fields = Map.of("hash_on", "header", "hash_on_header", "x-user", "hash_fallback", "ip");
    assertThat(of(fields, new FakeRequest().ip("10.9.9.9")).value()).isEqualTo("10.9.9.9");
    assertThat(of(Map.of("hash_on", "header", "hash_on_header", "x-user"), new FakeRequest()).value()).isEmpty();
    assertThat(of(Map.of(), new FakeRequest()).value()).isEmpty();
  }

  @Test
  void aMissingHashCookieIsInventedAndSetLikeKong() {
    HashValue.Result r = of(Map.of("hash_on", "cookie", "hash_on_cookie", "sid", "hash_on_cookie_path", "/v1"),
        new FakeRequest());
    assertThat(r.value()).matches("[0-9a-f-]{36}");
    assertThat(r.setCookie()).isEqualTo("sid=" + r.value() + "; Path=/v1; Same-Site=Lax; HttpOnly");
  }
}
