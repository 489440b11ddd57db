package dev.llmgateway.undertow.internal.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.plugins.modelrouter.ModelRouterType;
import dev.llmgateway.internal.plugins.testing.MutableClock;
import dev.llmgateway.undertow.embed.AccessLogOptions;
import dev.llmgateway.undertow.internal.plugins.StackGateway;
import dev.llmgateway.undertow.internal.testing.StubHandler;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ai-model-router with {@code models_refresh_interval}: two engines with their own {@code /v1/models} behind one
 * route; the gateway lists the union with the configured alias, routes a discovered name to the engine that
 * listed it, follows a list that changes, keeps listing when an engine dies (dropping its models after
 * {@code models_stale_after} failed reads), and stops reading once the plugin is replaced.
 */
class ModelListRefreshTest {
  private StackGateway gw;
  private StubUpstream a;
  private StubUpstream b;
  private final AtomicReference<List<String>> aModels = new AtomicReference<>(List.of("model-a"));
  private final AtomicReference<List<String>> bModels = new AtomicReference<>(List.of("model-b1", "model-b2"));
  private final AtomicInteger aReads = new AtomicInteger();
  private final AtomicInteger bReads = new AtomicInteger();
  private String pluginId;

  @BeforeEach
  void start() throws Exception {
    gw = StackGateway.start(new MutableClock(Instant.parse("2026-12-01T00:00:00Z")), AccessLogOptions.off(),
        List.of(new ModelRouterType()));
    a = StubUpstream.start(engine(aModels, aReads, "a"));
    b = StubUpstream.start(engine(bModels, bReads, "b"));
    gw.adminForm("POST", "/services", "name=a-svc&url=" + a.url());
    gw.adminForm("POST", "/services", "name=b-svc&url=" + b.url());
    gw.adminForm("POST", "/services/a-svc/routes", "name=fleet&paths[]=/v1&strip_path=false");
    HttpResponse<String> r = gw.admin("POST", "/routes/fleet/plugins", "{\"name\":\"ai-model-router\",\"config\":"
        + "{\"models\":[{\"name\":\"fast\",\"service\":\"a-svc\",\"upstream_model\":\"model-a\"}],"
        + "\"models_refresh_services\":[\"b-svc\"],\"models_refresh_interval\":0.05,"
        + "\"models_refresh_timeout\":500,\"models_stale_after\":2}}", "Content-Type", "application/json");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    pluginId = (String) Json.parseObject(r.body()).get("id");
  }

  @AfterEach
  void stop() throws Exception {
    gw.close();
    a.close();
    b.close();
  }

  /** An engine listing {@code models}; chat answers name the engine in its {@code model}. */
  private static StubHandler engine(AtomicReference<List<String>> models, AtomicInteger reads, String tag) {
    return ex -> {
      if (ex.request().path().equals("/v1/models")) {
        reads.incrementAndGet();
        List<Object> data = new ArrayList<>();
        for (String m : models.get()) {
          data.add(Map.of("id", m, "object", "model", "owned_by", "vllm"));
        }
        ex.respond(200, "application/json", Json.write(Map.of("object", "list", "data", data)));
        return;
      }
      ex.respond(200, "application/json", "{\"id\":\"x\",\"object\":\"chat.completion\",\"model\":\"" + tag
          + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}");
    };
  }

  @SuppressWarnings("unchecked")
  private List<Object> listed() {
    HttpResponse<String> r = gw.proxy("GET", "/v1/models", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<Map<String, Object>> data = (List<Map<String, Object>>) Json.parseObject(r.body()).get("data");
    return data.stream().map(m -> m.get("id")).toList();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for: " + what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void listsTheUnionRoutesDiscoveredNamesAndFollowsChanges() throws Exception {
    await("both engines' models", () -> listed().equals(List.of("fast", "model-a", "model-b1", "model-b2")));

    HttpResponse<String> viaB = gw.proxy("POST", "/v1/chat/completions", "{\"model\":\"model-b2\",\"messages\":[]}",
        "Content-Type", "application/json");
    assertThat(viaB.statusCode()).as(viaB.body()).isEqualTo(200);
    assertThat(Json.parseObject(viaB.body())).containsEntry("model", "b");
    HttpResponse<String> alias = gw.proxy("POST", "/v1/chat/completions", "{\"model\":\"fast\",\"messages\":[]}",
        "Content-Type", "application/json");
    assertThat(Json.parseObject(alias.body())).containsEntry("model", "a");

    bModels.set(List.of("model-b3", "model-a"));
    await("b's new list", () -> listed().equals(List.of("fast", "model-a", "model-b3")));
    assertThat(gw.proxy("POST", "/v1/chat/completions", "{\"model\":\"model-b1\",\"messages\":[]}",
        "Content-Type", "application/json").statusCode()).as("a name no engine lists any more").isEqualTo(404);
    HttpResponse<String> shared = gw.proxy("POST", "/v1/chat/completions", "{\"model\":\"model-a\",\"messages\":[]}",
        "Content-Type", "application/json");
    assertThat(Json.parseObject(shared.body())).as("a name two engines list goes to the first").containsEntry(
        "model", "a");
  }

  @Test
  void aDeadEngineDoesNotBreakTheListAndItsModelsGoAfterStaleAfterReads() throws Exception {
    await("both engines' models", () -> listed().contains("model-b1"));
    b.close();
    await("b's models dropped", () -> listed().equals(List.of("fast", "model-a")));
    assertThat(gw.proxy("POST", "/v1/chat/completions", "{\"model\":\"model-a\",\"messages\":[]}",
        "Content-Type", "application/json").statusCode()).isEqualTo(200);
  }

  @Test
  void anAdminWriteDoesNotReadEveryEngineAgainButANewEngineIsReadAtOnce() throws Exception {
    await("a read of each engine", () -> aReads.get() > 0 && bReads.get() > 0);
    HttpResponse<String> slower = gw.admin("PATCH", "/plugins/" + pluginId,
        "{\"config\":{\"models_refresh_interval\":30}}", "Content-Type", "application/json");
    assertThat(slower.statusCode()).as(slower.body()).isEqualTo(200);
    Thread.sleep(200); // a read the 50 ms refresh had in flight lands
    int aBefore = aReads.get();
    int bBefore = bReads.get();
    for (int i = 0; i < 5; i++) { // each write rebuilds the plugin, and used to read every engine at once
      gw.adminForm("POST", "/services", "name=other-" + i + "&url=http://127.0.0.1:9");
    }
    Thread.sleep(300);
    assertThat(aReads.get()).isEqualTo(aBefore);
    assertThat(bReads.get()).isEqualTo(bBefore);

    AtomicInteger cReads = new AtomicInteger();
    try (StubUpstream c = StubUpstream.start(engine(new AtomicReference<>(List.of("model-c")), cReads, "c"))) {
      gw.adminForm("POST", "/services", "name=c-svc&url=" + c.url());
      HttpResponse<String> withC = gw.admin("PATCH", "/plugins/" + pluginId,
          "{\"config\":{\"models_refresh_services\":[\"b-svc\",\"c-svc\"]}}", "Content-Type", "application/json");
      assertThat(withC.statusCode()).as(withC.body()).isEqualTo(200);
      await("the new engine read at once, not 30 s later", () -> listed().contains("model-c"));
      assertThat(cReads.get()).isPositive();
    }
  }

  @Test
  void replacingThePluginStopsItsReads() throws Exception {
    await("a read of each engine", () -> aReads.get() > 0 && bReads.get() > 0);
    assertThat(gw.admin("DELETE", "/plugins/" + pluginId, null).statusCode()).isEqualTo(204);
    await("the refresh thread to end", () -> Thread.getAllStackTraces().keySet().stream()
        .noneMatch(t -> t.getName().equals("ai-model-router-refresh") && t.isAlive()));
    int after = aReads.get();
    Thread.sleep(300); // six intervals: a running task would have read again
    assertThat(aReads.get()).isLessThanOrEqualTo(after + 1); // at most one read already in flight
  }
}
