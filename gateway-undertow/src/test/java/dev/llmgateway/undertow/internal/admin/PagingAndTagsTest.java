package dev.llmgateway.undertow.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Paging ({@code size}, {@code offset}, {@code next}) and {@code tags} filtering, as Kong lists collections. */
class PagingAndTagsTest {
  private AdminListener admin;

  @BeforeEach
  void start() throws Exception {
    admin = AdminListener.start();
  }

  @AfterEach
  void stop() throws Exception {
    admin.close();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> data(Map<String, Object> page) {
    return (List<Map<String, Object>>) page.get("data");
  }

  private static Map<String, Object> page(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.parseObject(r.body());
  }

  @Test
  void pagesFollowNextUntilTheLastWhichHasNoOffset() {
    for (int i = 0; i < 7; i++) {
      admin.form("POST", "/services", "name=s" + i + "&host=s.test&tags[]=t" + (i % 2));
    }
    List<String> ids = new ArrayList<>();
    Map<String, Object> page = page(admin.get("/services?size=3"));
    int pages = 1;
    while (true) {
      data(page).forEach(s -> ids.add((String) s.get("id")));
      if (page.get("next") == null) {
        assertThat(page).doesNotContainKey("offset");
        break;
      }
      assertThat((String) page.get("next")).startsWith("/services?offset=").endsWith("&size=3");
      assertThat(page.get("offset")).isInstanceOf(String.class);
      page = page(admin.get((String) page.get("next")));
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(ids).hasSize(7).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void nestedListsPageWithoutSizeInNext() {
    admin.form("POST", "/services", "name=p&host=p.test");
    for (int i = 0; i < 3; i++) {
      admin.form("POST", "/services/p/routes", "paths[]=/r" + i);
    }
    Map<String, Object> first = page(admin.get("/services/p/routes?size=2"));
    assertThat(data(first)).hasSize(2);
    assertThat((String) first.get("next")).startsWith("/services/p/routes?offset=").doesNotContain("size");
    Map<String, Object> second = page(admin.get((String) first.get("next")));
    assertThat(data(second)).hasSize(1);
    assertThat(second.get("next")).isNull();
  }

  @Test
  void badSizeAndOffsetAreKongErrors() {
    HttpResponse<String> word = admin.get("/services?size=ten");
    assertThat(word.statusCode()).isEqualTo(400);
    assertThat(word.body()).isEqualTo("{\"code\":9,\"name\":\"invalid size\",\"message\":\"size must be a number\"}");
    assertThat(admin.get("/services?size=0").body()).isEqualTo("{\"code\":9,\"name\":\"invalid size\","
        + "\"message\":\"size must be an integer between 1 and 1000\"}");
    assertThat(admin.get("/services?size=1001").statusCode()).isEqualTo(400);
    HttpResponse<String> offset = admin.get("/services?offset=%25%25%25");
    assertThat(offset.statusCode()).isEqualTo(400);
    assertThat(offset.body()).isEqualTo("{\"code\":7,\"name\":\"invalid offset\",\"message\":"
        + "\"'%%%' is not a valid offset: bad base64 encoding\"}");
    assertThat(admin.get("/services?offset=aGVsbG8=").body()).isEqualTo("{\"code\":7,\"name\":\"invalid offset\","
        + "\"message\":\"'aGVsbG8=' is not a valid offset: bad json encoding\"}");
    assertThat(admin.get("/services?unknown=1").statusCode()).isEqualTo(200);
  }

  @Test
  void tagsFilterWithAndOr() {
    admin.json("POST", "/services", "{\"name\":\"ab\",\"host\":\"h.test\",\"tags\":[\"a\",\"b\"]}");
    admin.json("POST", "/services", "{\"name\":\"a\",\"host\":\"h.test\",\"tags\":[\"a\"]}");
    admin.json("POST", "/services", "{\"name\":\"c\",\"host\":\"h.test\",\"tags\":[\"c\"]}");
    admin.json("POST", "/services", "{\"name\":\"none\",\"host\":\"h.test\"}");
    assertThat(data(page(admin.get("/services?tags=a")))).extracting(s -> s.get("name"))
        .containsExactlyInAnyOrder("ab", "a");
    assertThat(data(page(admin.get("/services?tags=a,b")))).extracting(s -> s.get("name")).containsExactly("ab");
    assertThat(data(page(admin.get("/services?tags=b/c")))).extracting(s -> s.get("name"))
        .containsExactlyInAnyOrder("ab", "c");
    Map<String, Object> paged = page(admin.get("/services?tags=a&size=1"));
    assertThat((String) paged.get("next")).contains("&tags=a&size=1");
    HttpResponse<String> six = admin.get("/services?tags=1,2,3,4,5,6");
    assertThat(six.statusCode()).isEqualTo(400);
    assertThat(six.body()).isEqualTo("{\"code\":11,\"name\":\"invalid options\",\"message\":"
        + "\"invalid option (tags: cannot query more than 5 tags)\",\"options\":{\"tags\":\"cannot query more than 5 tags\"}}");
    HttpResponse<String> mixed = admin.get("/services?tags=a,b/c");
    assertThat(mixed.statusCode()).isEqualTo(400);
    assertThat(mixed.body()).contains("\"code\":11");
  }

  @Test
  void consumersFilterByCustomId() {
    admin.form("POST", "/consumers", "username=x&custom_id=abc");
    admin.form("POST", "/consumers", "username=y&custom_id=def");
    assertThat(data(page(admin.get("/consumers?custom_id=abc")))).singleElement()
        .satisfies(c -> assertThat(c.get("username")).isEqualTo("x"));
  }
}
