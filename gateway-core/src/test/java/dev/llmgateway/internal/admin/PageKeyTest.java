package dev.llmgateway.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.internal.store.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Offset tokens and the page order they resume: Kong's Postgres encoding, entity ids then tag positions. */
class PageKeyTest {
  private static String base64(String json) {
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void tokensAreBase64OfTheJsonKey() {
    assertThat(PageKey.of("a").token()).isEqualTo(base64("[\"a\"]"));
    assertThat(PageKey.of("a", 2).token()).isEqualTo(base64("[\"a\",2]"));
    assertThat(PageKey.parse(PageKey.of("a", 2).token())).isEqualTo(PageKey.of("a", 2));
    assertThat(PageKey.parse(PageKey.of("a").token())).isEqualTo(PageKey.of("a"));
  }

  @Test
  void positionsCountOnlyWhenBothKeysHaveOne() {
    assertThat(PageKey.of("b").isAfter(PageKey.of("a"))).isTrue();
    assertThat(PageKey.of("a").isAfter(PageKey.of("a"))).isFalse();
    assertThat(PageKey.of("a", 3).isAfter(PageKey.of("a", 2))).isTrue();
    assertThat(PageKey.of("a", 2).isAfter(PageKey.of("a", 2))).isFalse();
    // an offset without a position has passed its whole entity; an entity key has no positions to compare
    assertThat(PageKey.of("a", 3).isAfter(PageKey.of("a"))).isFalse();
    assertThat(PageKey.of("a").isAfter(PageKey.of("a", 1))).isFalse();
    assertThat(PageKey.ORDER.compare(PageKey.of("a", 9), PageKey.of("b", 1))).isNegative();
    assertThat(PageKey.ORDER.compare(PageKey.of("a", 2), PageKey.of("a", 10))).isNegative();
  }

  @Test
  void foreignTokensAreKongsInvalidOffset() {
    assertThatThrownBy(() -> PageKey.parse("%%%")).isInstanceOfSatisfying(ApiError.class, e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.body()).containsEntry("code", 7)
          .containsEntry("message", "'%%%' is not a valid offset: bad base64 encoding");
    });
    for (String json : new String[] {"{}", "[]", "[1]", "[\"a\",\"b\"]", "[\"a\",1.5]", "[\"a\",1,2]", "nope"}) {
      String token = base64(json);
      assertThatThrownBy(() -> PageKey.parse(token)).as(json).isInstanceOfSatisfying(ApiError.class,
          e -> assertThat(e.body()).containsEntry("message", "'" + token + "' is not a valid offset: bad json encoding"));
    }
  }
}
