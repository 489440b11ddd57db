package dev.llmgateway.undertow.internal.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.plugins.modelrouter.ModelRouterType;
import dev.llmgateway.internal.plugins.testing.MutableClock;
import dev.llmgateway.internal.plugins.tokenlimiting.TokenLimitingType;
import dev.llmgateway.undertow.embed.AccessLogOptions;
import dev.llmgateway.undertow.internal.plugins.StackGateway;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ai-token-limiting through a real gateway on a fixed clock: reservations at admission, settlement with measured
 * usage, 429 with X-AI-RateLimit-* headers, and the bound on concurrent admission.
 */
class TokenLimitingTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-01T10:00:15Z"));
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static StackGateway gw;
  private static StubUpstream engine;

  @BeforeAll
  static void start() throws Exception {
    gw = StackGateway.start(CLOCK, AccessLogOptions.off(), List.of(new ModelRouterType(), new TokenLimitingType(CLOCK)));
    engine = StubUpstream.start(OpenAiStub.engine("m"));
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
    engine.close();
  }

  /** A route whose router serves model "m" from {@code upstream}, with a token limit configured by {@code limit}. */
  private static String route(StubUpstream upstream, String limit) {
    String name = "tl" + NEXT.incrementAndGet();
    gw.adminForm("POST", "/services", "name=" + name + "&url=" + upstream.url());
    gw.adminForm("POST", "/services/" + name + "/routes", "name=" + name + "&paths[]=/" + name);
    HttpResponse<String> r = gw.admin("POST", "/routes/" + name + "/plugins",
        "{\"name\":\"ai-model-router\",\"config\":{\"models\":[{\"name\":\"m\"}]}}", "Content-Type", "application/json");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    r = gw.admin("POST", "/routes/" + name + "/plugins", "{\"name\":\"ai-token-limiting\",\"config\":" + limit + "}",
        "Content-Type", "application/json");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return "/" + name;
  }

  private static HttpResponse<String> chat(String path, int maxTokens) {
    return gw.proxy("POST", path + "/v1/chat/completions", "{\"model\":\"m\",\"max_tokens\":" + maxTokens
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "Content-Type", "application/json");
  }

  @Test
  void measuredUsageSettlesAndASpentWindowAnswers429() throws Exception {
    // each answer uses 15 tokens (11 + 4); a reservation is about 30 (body/4) + 100
    String p = route(engine, "{\"minute\":50}");
    HttpResponse<String> first = chat(p, 100);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("X-AI-RateLimit-Limit-Minute")).hasValue("50");
    assertThat(first.headers().firstValue("X-AI-RateLimit-Remaining-Minute")).hasValue("0");
    // the log phase settles 15; the next request sees the window with 15 used, not the reservation
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    HttpResponse<String> second;
    do {
      second = chat(p, 1);
    } while (second.statusCode() == 429 && System.nanoTime() < deadline);
    assertThat(second.statusCode()).isEqualTo(200);
    int used = 0;
    HttpResponse<String> r;
    do {
      r = chat(p, 1);
      used++;
    } while (r.statusCode() == 200 && used < 20);
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(used).as("requests until the 50-token window is spent").isBetween(1, 3);
    assertThat(Json.parseObject(r.body())).containsEntry("message", "AI token rate limit exceeded");
    assertThat(r.headers().firstValue("X-AI-RateLimit-Remaining-Minute")).hasValue("0");
    assertThat(r.headers().firstValue("Retry-After")).hasValue("45");
    assertThat(r.headers().firstValue("X-AI-RateLimit-Retry-After-Minute")).hasValue("45");
    CLOCK.advanceMillis(60_000);
    assertThat(chat(p, 1).statusCode()).as("a new window").isEqualTo(200);
  }

  @Test
  void twoHundredConcurrentStreamsAdmitAtMostTheBudgetPlusOneReservation() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger upstreamSaw = new AtomicInteger();
    try (StubUpstream slow = StubUpstream.start(ex -> {
      upstreamSaw.incrementAndGet();
      ex.startChunked(200, "text/event-stream");
      ex.write("data: " + OpenAiStub.chunk("m", true, "t") + "\n\n");
      release.await(20, TimeUnit.SECONDS);
      ex.write("data: [DONE]\n\n");
      ex.end();
    })) {
      String p = route(slow, "{\"hour\":10000}");
      String body = "{\"model\":\"m\",\"stream\":true,\"max_tokens\":200,\"messages\":[{\"role\":\"user\","
          + "\"content\":\"Hi\"}]}";
      long reservation = (body.length() + 3) / 4 + 200;
      List<CompletableFuture<HttpResponse<Void>>> all = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.proxyPort() + p
            + "/v1/chat/completions")).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        all.add(gw.client().sendAsync(req, HttpResponse.BodyHandlers.discarding()));
      }
      int admitted = 0;
      int refused = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      // refusals come back at once; admitted streams wait on the latch until every refusal is in
      while (refused + upstreamSaw.get() < 200 && System.nanoTime() < deadline) {
        refused = (int) all.stream().filter(f -> f.isDone() && f.join().statusCode() == 429).count();
        Thread.sleep(10);
      }
      release.countDown();
      refused = 0;
      for (CompletableFuture<HttpResponse<Void>> f : all) {
        int status = f.get(30, TimeUnit.SECONDS).statusCode();
        if (status == 200) {
          admitted++;
        } else if (status == 429) {
          refused++;
        }
      }
      assertThat(admitted + refused).isEqualTo(200);
      assertThat(admitted).isEqualTo(upstreamSaw.get());
      assertThat(admitted * reservation).as("tokens admitted, reservation " + reservation)
          .isLessThanOrEqualTo(10_000 + reservation);
      assertThat(admitted * reservation).isGreaterThan(10_000 - reservation);
    }
  }
}
