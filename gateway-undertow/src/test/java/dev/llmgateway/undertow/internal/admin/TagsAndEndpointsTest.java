package dev.llmgateway.undertow.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /tags}, {@code GET /tags/{tag}} and {@code GET /endpoints} through the real Admin listener. */
class TagsAndEndpointsTest {
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
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    return Json.parseObject(r.body());
  }

  /** Every row of a list, following next until it is null, checking each page's size. */
  private List<Map<String, Object>> followNext(String path, int size, int expectedPages) {
    List<Map<String, Object>> rows = new ArrayList<>();
    String next = path;
    int pages = 0;
    while (next != null) {
      Map<String, Object> page = page(admin.get(next));
      pages++;
      assertThat(data(page)).hasSizeLessThanOrEqualTo(size);
      rows.addAll(data(page));
      next = (String) page.get("next");
      assertThat(page.containsKey("offset")).isEqualTo(next != null);
    }
    assertThat(pages).isEqualTo(expectedPages);
    return rows;
  }

  @Test
  void tagsPageAcrossEntitiesLikeCurlWouldSeeThem() {
    admin.form("POST", "/services", "name=s&host=s.test&tags[]=llm&tags[]=team%20a");
    admin.form("POST", "/services/s/routes", "name=r&paths[]=/r&tags[]=llm");
    admin.form("POST", "/consumers", "username=c&tags[]=team%20a&tags[]=llm&tags[]=gold");
    admin.form("POST", "/consumers/c/key-auth", "key=k&tags[]=llm");
    admin.form("POST", "/upstreams", "name=u");

    List<Map<String, Object>> all = followNext("/tags?size=2", 2, 4);
    assertThat(all).hasSize(7);
    assertThat(all).extracting(t -> t.get("entity_name") + ":" + t.get("tag")).containsExactlyInAnyOrder(
        "services:llm", "services:team a", "routes:llm", "consumers:team a", "consumers:llm", "consumers:gold",
        "keyauth_credentials:llm");
    assertThat(all).extracting(t -> (String) t.get("entity_id")).isSorted();

    List<Map<String, Object>> llm = followNext("/tags/llm?size=3", 3, 2);
    assertThat(llm).extracting(t -> t.get("entity_name"))
        .containsExactlyInAnyOrder("services", "routes", "consumers", "keyauth_credentials");
    assertThat(llm).allSatisfy(t -> assertThat(t).containsEntry("tag", "llm"));
    assertThat(followNext("/tags/team%20a", 100, 1)).extracting(t -> t.get("entity_name"))
        .containsExactlyInAnyOrder("services", "consumers");
    assertThat(admin.get("/tags/nobody-has-this").body()).isEqualTo("{\"data\":[],\"next\":null}");
  }

  @Test
  void badInputGetsKongsErrorsNeverA500() {
    HttpResponse<String> tag = admin.get("/tags/a,b");
    assertThat(tag.statusCode()).isEqualTo(400);
    assertThat(tag.body()).isEqualTo("{\"code\":10,\"name\":\"invalid unique tag\",\"message\":\"invalid tag 'a,b':"
        + " expected printable ascii (except `,` and `/`) or valid utf-8 sequences\"}");
    HttpResponse<String> notUtf8 = admin.get("/tags/%FF");
    assertThat(notUtf8.statusCode()).isEqualTo(400);
    assertThat(notUtf8.body()).contains("invalid utf-8 character sequence detected at position 1");
    HttpResponse<String> size = admin.get("/tags?size=0");
    assertThat(size.statusCode()).isEqualTo(400);
    assertThat(size.body()).isEqualTo("{\"code\":9,\"name\":\"invalid size\","
        + "\"message\":\"size must be an integer between 1 and 1000\"}");
    HttpResponse<String> offset = admin.get("/tags/llm?offset=bm9wZQ");
    assertThat(offset.statusCode()).isEqualTo(400);
    assertThat(offset.body()).isEqualTo("{\"code\":7,\"name\":\"invalid offset\","
        + "\"message\":\"'bm9wZQ' is not a valid offset: bad json encoding\"}");
    assertThat(admin.form("POST", "/tags", "tag=x").statusCode()).isEqualTo(405);
    HttpResponse<Void> head = admin.client.sendAsync(admin.request("/tags").method("HEAD",
        HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).join();
    assertThat(head.statusCode()).isEqualTo(200);
  }

  @Test
  @SuppressWarnings("unchecked")
  void endpointsListsWhatTheListenerServes() {
    HttpResponse<String> r = admin.get("/endpoints");
    List<String> paths = (List<String>) page(r).get("data");
    assertThat(paths).startsWith("/", "/config", "/consumers", "/consumers/{consumers}")
        .contains("/endpoints", "/tags", "/tags/{tags}", "/services/{services}/routes/{routes}",
            "/consumers/{consumers}/key-auth/{keyauth_credentials}", "/upstreams/{upstreams}/targets/all")
        .doesNotHaveDuplicates();
    for (String path : paths) {
      if (!path.contains("{") && !path.startsWith("/schemas/plugins/validate")) {
        assertThat(admin.get(path).statusCode()).as(path).isEqualTo(200);
      }
    }
  }
}
