package dev.llmgateway.internal.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathNormalizerTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = ' ', value = {
      "/v1/vllm/../../admin-api/x /admin-api/x",
      "/v1/vllm/../admin-api/services /v1/admin-api/services",
      "/%61dmin-api/services /admin-api/services",
      "/admin-api/./services /admin-api/services",
      "//admin-api/services /admin-api/services",
      "/admin-api//services/// /admin-api/services/",
      "/admin-api%2Fservices /admin-api%2Fservices",
      "/admin-api%2fservices /admin-api%2Fservices",
      "/v1/vllm/%2e%2e/admin-api/services /v1/admin-api/services",
      "/v1/vllm/%2e%2e/%2e%2e/admin-api/services /admin-api/services",
      "/v1/vllm/%2E%2E/../admin-api/services /admin-api/services",
      "/v1/vllm/.%2e/.%2E/admin-api/services /admin-api/services",
      "/v1/vllm/%2e/x /v1/vllm/x",
      "/v1/vllm/..%2fadmin-api/services /v1/vllm/..%2Fadmin-api/services",
      "/v1/vllm/..%2Fadmin-api/services /v1/vllm/..%2Fadmin-api/services",
      "/v1/vllm/..;/admin-api/services /v1/vllm/..;/admin-api/services",
      "/admin-api;x/services /admin-api;x/services",
      "/a/b/.. /a/",
      "/a/.. /",
      "/a/. /a/",
      "/. /",
      "/./a /a",
      "/a/./ /a/",
      "/.a/..b/...c /.a/..b/...c",
      "/a.. /a..",
      "/route%2E%2E/req /route../req",
      "/%7Euser/%2D%5F%2E /~user/-_.",
      "/caf%c3%a9 /caf%C3%A9",
      "/a%20b /a%20b",
      "/%25%32%46 /%252F",
      "// /",
      "/ /",
  })
  void normalises(String raw, String expected) {
    assertThat(PathNormalizer.normalize(raw)).isEqualTo(expected);
  }

  @Test
  void percentTwentyFiveIsNotDecodedTwice() {
    // %25 is '%', which is reserved: it stays encoded, so %2532 can never become %32 and then '2'
    assertThat(PathNormalizer.normalize("/%2532%2546")).isEqualTo("/%2532%2546");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/..", "/../", "/a/../../b", "/v1/vllm/../../../admin-api", "/%2e%2e/x", "//../x",
      "/a/%2E%2E/%2e%2e", "/%zz", "/%4", "/a%", "/a%g1", "", "admin-api/services", "*", "%2Fadmin"})
  void rejectsPathsThatEscapeTheRootOrAreMalformed(String raw) {
    assertThat(PathNormalizer.normalize(raw)).isNull();
  }

  @Test
  void rejectsNull() {
    assertThat(PathNormalizer.normalize(null)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/v1/vllm/v1/chat/completions", "/admin-api/services", "/a%2Fb", "/a;b=c/..x"})
  void returnsTheVeryInputWhenNothingChanges(String normal) {
    String input = new String(normal.toCharArray());
    assertThat(PathNormalizer.normalize(input)).isSameAs(input);
  }

  @Test
  void isIdempotent() {
    for (String raw : new String[] {"/%61/./b//c/../%2f", "/x/%7e/y/", "/a/b/c/../../d/./e"}) {
      String once = PathNormalizer.normalize(raw);
      assertThat(PathNormalizer.normalize(once)).isSameAs(once);
    }
  }

  @Test
  void randomPathsComeOutNormalOrRejected() {
    String[] pieces = {"/", "/", ".", "..", "a", "%2e", "%2E", "%2f", "%2F", "%41", "%7e", "%", "%z", ";", "b"};
    Random random = new Random(1);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder raw = new StringBuilder("/");
      for (int i = 0, len = random.nextInt(8); i < len; i++) {
        raw.append(pieces[random.nextInt(pieces.length)]);
      }
      String out = PathNormalizer.normalize(raw.toString());
      if (out == null) {
        continue;
      }
      assertThat(out).as(raw.toString()).startsWith("/").doesNotContain("//")
          .doesNotContain("/./").doesNotContain("/../").doesNotEndWith("/.").doesNotEndWith("/..")
          .doesNotContain("%2e", "%2E", "%41", "%7e", "%2f");
      assertThat(PathNormalizer.normalize(out)).as(raw.toString()).isSameAs(out);
    }
  }

  @Test
  void routePathsClampAtTheRootInsteadOfFailing() {
    assertThat(PathNormalizer.canonicalRoutePath("/../a")).isEqualTo("/a");
    assertThat(PathNormalizer.canonicalRoutePath("/a/../../b")).isEqualTo("/b");
    assertThat(PathNormalizer.canonicalRoutePath("/%7efoo/./bar")).isEqualTo("/~foo/bar");
    assertThat(PathNormalizer.canonicalRoutePath("/ok")).isEqualTo("/ok");
    assertThat(PathNormalizer.canonicalRoutePath("/%zz")).isNull();
  }
}
