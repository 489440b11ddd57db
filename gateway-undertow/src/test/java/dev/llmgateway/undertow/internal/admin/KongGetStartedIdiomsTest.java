package dev.llmgateway.undertow.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.llmgateway.internal.json.Json;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kong's "get started" Admin API commands (reference section 2), verbatim against {@code localhost:8001}. */
class KongGetStartedIdiomsTest {
  private static Map<String, Object> ok(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return Json.parseObject(r.body());
  }

  @Test
  void theGetStartedSequence() throws Exception {
    try (AdminListener admin = AdminListener.start()) {
      Map<String, Object> service = ok(Curl.run(admin, "curl -i -X POST http://localhost:8001/services "
          + "--data name=example_service --data url='http://httpbin.konghq.com'"), 201);
      assertThat(service).containsEntry("name", "example_service").containsEntry("host", "httpbin.konghq.com")
          .containsEntry("port", 80L).containsEntry("path", null);
      Map<String, Object> route = ok(Curl.run(admin, "curl -i -X POST "
          + "http://localhost:8001/services/example_service/routes --data 'paths[]=/mock' --data name=example_route"),
          201);
      assertThat(route).containsEntry("paths", List.of("/mock"));
      ok(Curl.run(admin, "curl -X PATCH http://localhost:8001/services/example_service --data retries=6"), 200);
      Map<String, Object> limit = ok(Curl.run(admin, "curl -i -X POST http://localhost:8001/plugins "
          + "--data name=rate-limiting --data config.minute=5 --data config.policy=local"), 201);
      assertThat(limit.get("config")).asInstanceOf(MAP).containsEntry("minute", 5L);
      ok(Curl.run(admin, "curl -X POST http://localhost:8001/services/example_service/plugins --data name=key-auth"),
          201);
      ok(Curl.run(admin, "curl -i -X POST http://localhost:8001/consumers/ --data username=luka"), 201);
      ok(Curl.run(admin, "curl -i -X POST http://localhost:8001/consumers/luka/key-auth --data key=top-secret-key"),
          201);
      ok(Curl.run(admin, "curl -X POST http://localhost:8001/upstreams --data name=example_upstream"), 201);
      Map<String, Object> target = ok(Curl.run(admin, "curl -X POST "
          + "http://localhost:8001/upstreams/example_upstream/targets --data target='httpbun.com:80'"), 201);
      assertThat(target).containsEntry("target", "httpbun.com:80").containsEntry("weight", 100L);
      ok(Curl.run(admin, "curl -X PATCH http://localhost:8001/services/example_service --data host='example_upstream'"),
          200);
      Map<String, Object> consumer = ok(Curl.run(admin,
          "curl -X GET http://localhost:8001/key-auths/top-secret-key/consumer"), 200);
      assertThat(consumer).containsEntry("username", "luka");
      assertThat(Curl.run(admin, "curl -X DELETE http://localhost:8001/routes/" + route.get("id")).statusCode())
          .isEqualTo(204);
      Map<String, Object> more = ok(Curl.run(admin, "curl -X POST http://localhost:8001/routes "
          + "--data 'hosts[]=example.com' --data 'headers.region=north' --data 'methods[]=GET'"), 201);
      assertThat(more).containsEntry("hosts", List.of("example.com"))
          .containsEntry("headers", Map.of("region", List.of("north"))).containsEntry("methods", List.of("GET"));
      Map<String, Object> json = ok(Curl.run(admin, "curl -X POST http://localhost:8001/services "
          + "-H 'Content-Type: application/json' --data '{\"name\":\"json_service\",\"url\":\"https://api.test/v1\"}'"),
          201);
      assertThat(json).containsEntry("protocol", "https").containsEntry("port", 443L).containsEntry("path", "/v1");
    }
  }
}
