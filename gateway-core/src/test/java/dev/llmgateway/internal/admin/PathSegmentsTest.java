package dev.llmgateway.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.entity.Typedefs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoding Admin API path segments: percent escapes, '+' and bytes that are not UTF-8. */
class PathSegmentsTest {
  @Test
  void segmentsAreDecodedOneTrailingSlashTolerated() {
    assertThat(PathSegments.of("/consumers/a%40b.test/")).containsExactly("consumers", "a@b.test");
    assertThat(PathSegments.of("/")).isEmpty();
    assertThat(PathSegments.of("/a//b")).isNull();
    assertThat(PathSegments.of("/tags/a+b")).containsExactly("tags", "a+b");
    assertThat(PathSegments.of("/tags/a%2Fb")).containsExactly("tags", "a/b");
    assertThat(PathSegments.of("/tags/100%")).containsExactly("tags", "100%");
    assertThat(PathSegments.of("/tags/%zz")).containsExactly("tags", "%zz");
  }

  @Test
  void utf8IsDecodedWhetherEscapedOrNot() {
    assertThat(PathSegments.decode("%F0%9F%A6%8D")).isEqualTo("\uD83E\uDD8D");
    assertThat(PathSegments.decode("caf%C3%A9")).isEqualTo("caf\u00e9");
    assertThat(PathSegments.decode("\uD83E\uDD8D%20x")).isEqualTo("\uD83E\uDD8D x");
  }

  @Test
  void bytesThatAreNotUtf8StayVisibleForKongsError() {
    assertThat(PathSegments.decode("%FF")).isEqualTo("\uDCFF");
    assertThat(PathSegments.decode("ab%C3")).isEqualTo("ab\uDCC3");
    assertThat(Typedefs.TAG_CHECK.check(PathSegments.decode("%FF")))
        .isEqualTo("invalid utf-8 character sequence detected at position 1");
    assertThat(Typedefs.TAG_CHECK.check(PathSegments.decode("%C3%A9%ED%A0%80")))
        .isEqualTo("invalid utf-8 character sequence detected at position 3");
    assertThat(List.of(PathSegments.decode("%C3%A9"))).containsExactly("\u00e9");
  }
}
