package dev.llmgateway.internal.route;

import static dev.llmgateway.internal.route.Fixtures.route;
import static dev.llmgateway.internal.route.Fixtures.router;
import static dev.llmgateway.internal.route.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import dev.llmgateway.schema.SchemaViolation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kong's regex dialect on java.util.regex: what is translated, what is refused, and captures under Kong's names. */
class KongRegexTest {

  private static boolean matches(String regex, String path) {
    return KongRegex.compile(regex).pattern().matcher(path).lookingAt();
  }

  @Test
  void pcreNamedGroupsWithUnderscoresInBothSpellings() {
    KongRegex r = KongRegex.compile("/users/(?P<user_id>\\d+)/(?<_sub_path>[a-z]+)");
    assertThat(r.groupNames()).containsExactly(Map.entry("kongGroup1", "user_id"), Map.entry("kongGroup2", "_sub_path"));
    assertThat(matches("/users/(?P<user_id>\\d+)", "/users/42")).isTrue();
  }

  @Test
  void posixClassesBecomeAsciiRanges() {
    assertThat(matches("/v[[:digit:]]+/[[:alpha:]_]+$", "/v12/chat_x")).isTrue();
    assertThat(matches("/v[[:digit:]]+$", "/v:")).isFalse();
    assertThat(matches("/[[:^digit:]]+$", "/abc")).isTrue();
    assertThat(matches("/[[:^digit:]]+$", "/ab1")).isFalse();
    assertThat(matches("/[[:xdigit:]]{4}$", "/0aFf")).isTrue();
    assertThat(KongRegex.check("/[[:nope:]]")).isEqualTo("invalid regex: '/[[:nope:]]' (PCRE returned: unknown POSIX "
        + "class name)");
  }

  @Test
  void classLiteralsFollowPcre() {
    assertThat(matches("/[]a]+$", "/]a]")).isTrue();
    assertThat(matches("/[a&&b]+$", "/a&b")).isTrue();
    assertThat(matches("/[a[]+$", "/a[")).isTrue();
  }

  @Test
  void unicodeClassesAsInKongsDefaultRouter() {
    assertThat(matches("/\\w+$", "/café")).isTrue();
    assertThat(matches("/\\d+$", "/٣")).isTrue();
  }

  @Test
  void whatKongsRouterRefusesIsRefused() {
    assertThat(KongRegex.check("/(?=a)")).contains("look-around");
    assertThat(KongRegex.check("/(?<!a)b")).contains("look-around");
    assertThat(KongRegex.check("/(?>a)")).contains("atomic groups");
    assertThat(KongRegex.check("/a++")).contains("possessive");
    assertThat(KongRegex.check("/a{2}+")).contains("possessive");
    assertThat(KongRegex.check("/(a)\\1")).contains("backreferences");
    assertThat(KongRegex.check("/(?P<x>a)(?P=x)")).contains("backreferences");
    assertThat(KongRegex.check("/(?R)")).contains("recursion");
    assertThat(KongRegex.check("/a\\Z")).contains("\\Z is not supported");
    assertThat(KongRegex.check("/(?U)a+")).contains("(?U)");
    assertThat(KongRegex.check("/(?P<a>x)(?<a>y)")).isEqualTo("invalid regex: '/(?P<a>x)(?<a>y)' (PCRE returned: two "
        + "named subpatterns have the same name (PCRE2_DUPNAMES not set))");
  }

  @Test
  void whatNeitherDialectAcceptsKeepsKongsError() {
    assertThat(KongRegex.check("/(")).isEqualTo("invalid regex: '/(' (PCRE returned: missing closing parenthesis)");
    assertThat(KongRegex.check("/a)")).isEqualTo("invalid regex: '/a)' (PCRE returned: unmatched closing parenthesis)");
    assertThat(KongRegex.check("/[a")).isEqualTo(
        "invalid regex: '/[a' (PCRE returned: missing terminating ] for character class)");
    assertThat(KongRegex.check("/(?:*)")).isEqualTo(
        "invalid regex: '/(?:*)' (PCRE returned: quantifier does not follow a repeatable item)");
    assertThat(KongRegex.check("/(?p<x>a)")).startsWith("invalid regex: '/(?p<x>a)' (PCRE returned: ");
    assertThat(KongRegex.check("/\\y")).startsWith("invalid regex: '/\\y' (PCRE returned: ");
  }

  @Test
  void routeValidationUsesTheDialect() {
    Service s = service("http://upstream.test");
    assertThat(route(s, "paths", List.of("~/users/(?P<user_id>\\d+)"))).isNotNull();
    assertThatThrownBy(() -> route(s, "paths", List.of("~/(?=x)")))
        .isInstanceOfSatisfying(SchemaViolation.class, e -> assertThat(e.toJson().get("fields").toString())
            .contains("invalid regex: '/(?=x)' (look-around"));
    assertThat(route(s, "headers", Map.of("x-version", List.of("~*^v(?P<major_v>\\d)$")))).isNotNull();
    assertThatThrownBy(() -> route(s, "headers", Map.of("x-version", List.of("~*(?<x"))))
        .isInstanceOf(SchemaViolation.class).hasMessageContaining("invalid regex: '(?<x'");
  }

  @Test
  void uriCapturesKeepTheirKongNames() {
    Service s = service("http://upstream.test");
    Route r = route(s, "paths", List.of("~/users/(?P<user_id>\\d+)/(?<sub_path>profile)?"));
    RouteMatch m = router(List.of(r), s).match(TestRequest.get("/users/42/profile"));
    assertThat(m.captures()).containsEntry("user_id", "42").containsEntry("sub_path", "profile")
        .containsEntry("1", "42").containsEntry("2", "profile").hasSize(4);
    RouteMatch partial = router(List.of(r), s).match(TestRequest.get("/users/7/"));
    assertThat(partial.captures()).containsEntry("user_id", "7").doesNotContainKey("sub_path");
  }

  @Test
  void headerRegexesAreLowerCasedLikeKongs() {
    Service s = service("http://upstream.test");
    Route r = route(s, "paths", List.of("/h"), "headers", Map.of("x-model", List.of("~*^LLAMA-\\D$")));
    Router router = router(List.of(r), s);
    assertThat(router.match(TestRequest.get("/h").header("x-model", "Llama-3"))).isNotNull();
    assertThat(router.match(TestRequest.get("/h").header("x-model", "llama-x"))).isNull();
  }
}
