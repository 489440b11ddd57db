package dev.llmgateway.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.pipeline.PluginStates;
import dev.llmgateway.internal.store.ConfigWriter;
import dev.llmgateway.internal.store.MemoryConfigStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /tags} and {@code GET /tags/{tag}}: Kong's rows, order, paging and errors, without a server. */
class TagEndpointsTest {
  private static final String CONSUMER = "00000000-0000-4000-8000-000000000001";
  private static final String SERVICE = "00000000-0000-4000-8000-000000000002";
  private static final String ROUTE = "00000000-0000-4000-8000-000000000003";
  private static final String UNTAGGED = "00000000-0000-4000-8000-000000000004";
  private static final String CREDENTIAL = "00000000-0000-4000-8000-000000000005";

  private ConfigWriter writer;
  private AdminApi api;

  @BeforeEach
  void start() throws Exception {
    writer = ConfigWriter.start(new MemoryConfigStore(), TestPlugins.registry(), new PluginStates());
    api = AdminApi.builder(writer).build();
  }

  @AfterEach
  void stop() throws Exception {
    writer.close();
  }

  private AdminResponse call(String method, String pathAndQuery, String json) throws Exception {
    int q = pathAndQuery.indexOf('?');
    Map<String, List<String>> headers = json == null ? Map.of() : Map.of("Content-Type", List.of("application/json"));
    return api.handle(new AdminRequest(method, q < 0 ? pathAndQuery : pathAndQuery.substring(0, q),
        q < 0 ? "" : pathAndQuery.substring(q + 1), headers,
        json == null ? null : json.getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
  }

  private AdminResponse get(String pathAndQuery) throws Exception {
    return call("GET", pathAndQuery, null);
  }

  private void create(String path, String json) throws Exception {
    AdminResponse r = call("POST", path, json);
    assertThat(r.status()).as(r.bodyText()).isEqualTo(201);
  }

  /** Five entities, four of them tagged, of four types; the service's tags are not in sorted order. */
  private void tagSomeEntities() throws Exception {
    create("/consumers", "{\"id\":\"" + CONSUMER + "\",\"username\":\"c\",\"tags\":[\"a\"]}");
    create("/services", "{\"id\":\"" + SERVICE + "\",\"name\":\"s\",\"host\":\"s.test\",\"tags\":[\"b\",\"a\"]}");
    create("/routes", "{\"id\":\"" + ROUTE + "\",\"service\":{\"id\":\"" + SERVICE + "\"},\"paths\":[\"/r\"],"
        + "\"tags\":[\"a\",\"c d\"]}");
    create("/services", "{\"id\":\"" + UNTAGGED + "\",\"name\":\"plain\",\"host\":\"p.test\"}");
    create("/consumers/c/key-auth", "{\"id\":\"" + CREDENTIAL + "\",\"key\":\"k\",\"tags\":[\"a\"]}");
  }

  private static String row(String entityName, String id, String tag) {
    return "{\"entity_name\":\"" + entityName + "\",\"entity_id\":\"" + id + "\",\"tag\":\"" + tag + "\"}";
  }

  /** Kong's Postgres offset: base64 of the JSON key of the last row shown. */
  private static String offset(String json) {
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String escaped(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void everyTagOfEveryTaggedEntityByEntityIdThenPosition() throws Exception {
    tagSomeEntities();
    AdminResponse r = get("/tags");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(r.bodyText()).isEqualTo("{\"data\":[" + row("consumers", CONSUMER, "a") + ","
        + row("services", SERVICE, "b") + "," + row("services", SERVICE, "a") + ","
        + row("routes", ROUTE, "a") + "," + row("routes", ROUTE, "c d") + ","
        + row("keyauth_credentials", CREDENTIAL, "a") + "],\"next\":null}");
  }

  @Test
  void pagesResumeInsideAnEntitysTags() throws Exception {
    tagSomeEntities();
    String first = offset("[\"" + SERVICE + "\",1]");
    assertThat(get("/tags?size=2").bodyText()).isEqualTo("{\"data\":[" + row("consumers", CONSUMER, "a") + ","
        + row("services", SERVICE, "b") + "],\"next\":\"/tags?offset=" + escaped(first) + "&size=2\",\"offset\":\""
        + first + "\"}");
    String second = offset("[\"" + ROUTE + "\",1]");
    assertThat(get("/tags?offset=" + escaped(first) + "&size=2").bodyText()).isEqualTo("{\"data\":["
        + row("services", SERVICE, "a") + "," + row("routes", ROUTE, "a") + "],\"next\":\"/tags?offset="
        + escaped(second) + "&size=2\",\"offset\":\"" + second + "\"}");
    assertThat(get("/tags?offset=" + escaped(second) + "&size=2").bodyText()).isEqualTo("{\"data\":["
        + row("routes", ROUTE, "c d") + "," + row("keyauth_credentials", CREDENTIAL, "a") + "],\"next\":null}");
  }

  @Test
  void theTagsQueryFiltersNothingButIsCarriedIntoNextAsKongDoes() throws Exception {
    tagSomeEntities();
    String all = get("/tags").bodyText();
    assertThat(get("/tags?tags=b").bodyText()).isEqualTo(all);
    assertThat(get("/tags?tags=a,b/c").status()).isEqualTo(200);
    assertThat(get("/tags?tags=b&size=5").bodyText())
        .contains("\"next\":\"/tags?offset=" + escaped(offset("[\"" + ROUTE + "\",2]")) + "&tags=b&size=5\"");
  }

  @Test
  void oneTagListsItsEntitiesAndPagesWithoutSizeInNext() throws Exception {
    tagSomeEntities();
    String last = offset("[\"" + ROUTE + "\"]");
    assertThat(get("/tags/a?size=3").bodyText()).isEqualTo("{\"data\":[" + row("consumers", CONSUMER, "a") + ","
        + row("services", SERVICE, "a") + "," + row("routes", ROUTE, "a") + "],\"next\":\"/tags/a?offset="
        + escaped(last) + "\",\"offset\":\"" + last + "\"}");
    assertThat(get("/tags/a?offset=" + escaped(last)).bodyText())
        .isEqualTo("{\"data\":[" + row("keyauth_credentials", CREDENTIAL, "a") + "],\"next\":null}");
    assertThat(get("/tags/c%20d").bodyText()).isEqualTo("{\"data\":[" + row("routes", ROUTE, "c d") + "],\"next\":null}");
    assertThat(get("/tags/c%20d?size=1").bodyText()).isEqualTo("{\"data\":[" + row("routes", ROUTE, "c d") + "],\"next\":null}");
    assertThat(get("/tags/b/").bodyText()).isEqualTo("{\"data\":[" + row("services", SERVICE, "b") + "],\"next\":null}");
  }

  @Test
  void aTagOnNothingIsAnEmptyPage() throws Exception {
    assertThat(get("/tags").bodyText()).isEqualTo("{\"data\":[],\"next\":null}");
    tagSomeEntities();
    AdminResponse r = get("/tags/does-not-exist");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).isEqualTo("{\"data\":[],\"next\":null}");
  }

  @Test
  void textThatCannotBeATagIsKongsInvalidUniqueTag() throws Exception {
    AdminResponse comma = get("/tags/a,b");
    assertThat(comma.status()).isEqualTo(400);
    assertThat(comma.bodyText()).isEqualTo("{\"code\":10,\"name\":\"invalid unique tag\",\"message\":\"invalid tag"
        + " 'a,b': expected printable ascii (except `,` and `/`) or valid utf-8 sequences\"}");
    AdminResponse slash = get("/tags/a%2Fb");
    assertThat(slash.status()).isEqualTo(400);
    assertThat(slash.bodyText()).contains("\"message\":\"invalid tag 'a/b': expected printable ascii");
    assertThat(get("/tags/tab%09").status()).isEqualTo(400);
    AdminResponse notUtf8 = get("/tags/ok%FF");
    assertThat(notUtf8.status()).isEqualTo(400);
    assertThat(notUtf8.bodyText()).isEqualTo("{\"code\":10,\"name\":\"invalid unique tag\","
        + "\"message\":\"invalid utf-8 character sequence detected at position 3\"}");
  }

  @Test
  void unicodeTagsWorkEscapedOrNot() throws Exception {
    create("/consumers", "{\"id\":\"" + CONSUMER + "\",\"username\":\"c\",\"tags\":[\"\ud83e\udd8d\"]}");
    String gorilla = "{\"data\":[" + row("consumers", CONSUMER, "\uD83E\uDD8D") + "],\"next\":null}";
    assertThat(get("/tags/%F0%9F%A6%8D").bodyText()).isEqualTo(gorilla);
    assertThat(get("/tags/\uD83E\uDD8D").bodyText()).isEqualTo(gorilla);
  }

  @Test
  void badSizeAndOffsetAreKongErrorsOnBothPaths() throws Exception {
    for (String path : new String[] {"/tags", "/tags/a"}) {
      AdminResponse word = get(path + "?size=ten");
      assertThat(word.status()).isEqualTo(400);
      assertThat(word.bodyText()).isEqualTo("{\"code\":9,\"name\":\"invalid size\",\"message\":\"size must be a number\"}");
      for (String size : new String[] {"0", "1001", "1.5", "-1"}) {
        AdminResponse bad = get(path + "?size=" + size);
        assertThat(bad.status()).as(path + " size " + size).isEqualTo(400);
        assertThat(bad.bodyText()).isEqualTo("{\"code\":9,\"name\":\"invalid size\","
            + "\"message\":\"size must be an integer between 1 and 1000\"}");
      }
      assertThat(get(path + "?size=1000").status()).isEqualTo(200);
      AdminResponse base64 = get(path + "?offset=%25%25%25");
      assertThat(base64.status()).isEqualTo(400);
      assertThat(base64.bodyText()).isEqualTo("{\"code\":7,\"name\":\"invalid offset\",\"message\":"
          + "\"'%%%' is not a valid offset: bad base64 encoding\"}");
      AdminResponse json = get(path + "?offset=aGVsbG8=");
      assertThat(json.status()).isEqualTo(400);
      assertThat(json.bodyText()).isEqualTo("{\"code\":7,\"name\":\"invalid offset\","
          + "\"message\":\"'aGVsbG8=' is not a valid offset: bad json encoding\"}");
    }
    // a bad size is refused before the tag is looked at, as in Kong
    assertThat(get("/tags/a,b?size=ten").bodyText()).contains("\"code\":9");
  }

  @Test
  void tagsAreReadOnly() throws Exception {
    AdminResponse post = call("POST", "/tags", "{\"tag\":\"x\"}");
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.bodyText()).isEqualTo("{\"message\":\"Method not allowed\"}");
    assertThat(call("DELETE", "/tags/a", null).status()).isEqualTo(405);
    AdminResponse options = call("OPTIONS", "/tags/a", null);
    assertThat(options.status()).isEqualTo(204);
    assertThat(options.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
  }
}
