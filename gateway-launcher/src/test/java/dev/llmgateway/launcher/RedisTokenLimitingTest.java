package dev.llmgateway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.cluster.internal.redis.RedisClients;
import dev.llmgateway.cluster.internal.redis.RedisTokenLimiting;
import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.plugins.modelrouter.ModelRouterType;
import dev.llmgateway.internal.plugins.testing.MutableClock;
import dev.llmgateway.undertow.embed.AccessLogOptions;
import dev.llmgateway.undertow.internal.plugins.StackGateway;
import dev.llmgateway.undertow.internal.testing.StubHandler;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * ai-token-limiting's {@code redis} policy through two real gateways ("nodes") sharing one real Redis (from
 * {@code scripts/test-servers.sh}, see {@link ClusterServers}; skipped without it): one budget across both nodes,
 * settlement with the measured usage, keys that expire with their window, 200 concurrent streams admitted within
 * the budget plus one reservation, and an unreachable Redis following {@code fault_tolerant}.
 */
class RedisTokenLimitingTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-01T10:00:15Z"));
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static ClusterServers servers;
  private static RedisClients clients;
  private static StackGateway node1;
  private static StackGateway node2;
  private static StubUpstream engine;
  private static RedisClient redis;

  @BeforeAll
  static void start() throws Exception {
    servers = ClusterServers.require();
    clients = new RedisClients();
    node1 = StackGateway.start(CLOCK, AccessLogOptions.off(), List.of(new ModelRouterType(),
        RedisTokenLimiting.type(clients, CLOCK)));
    node2 = StackGateway.start(CLOCK, AccessLogOptions.off(), List.of(new ModelRouterType(),
        RedisTokenLimiting.type(clients, CLOCK)));
    engine = StubUpstream.start(engine());
    redis = RedisClient.create("127.0.0.1", servers.redisPort());
  }

  @AfterAll
  static void stop() throws Exception {
    if (node1 != null) {
      node1.close();
      node2.close();
      engine.close();
      clients.close();
      redis.close();
    }
  }

  /** An engine answering 15 tokens (11 + 4) of usage to a JSON call. */
  private static StubHandler engine() {
    return ex -> ex.respond(200, "application/json", "{\"id\":\"x\",\"object\":\"chat.completion\",\"model\":\"m\","
        + "\"choices\":[],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":4,\"total_tokens\":15}}");
  }

  /**
   * The same route and plugins (same ids, as cluster nodes share one configuration) on every node; the budget
   * plugin's config is {@code limit} plus the Redis settings.
   */
  private static String route(StubUpstream upstream, String limit, int redisPort, StackGateway... nodes) {
    String name = "rtl" + NEXT.incrementAndGet();
    String pluginId = UUID.randomUUID().toString();
    for (StackGateway gw : nodes) {
      gw.adminForm("POST", "/services", "name=" + name + "&url=" + upstream.url());
      gw.adminForm("POST", "/services/" + name + "/routes", "name=" + name + "&paths[]=/" + name);
      HttpResponse<String> r = gw.admin("POST", "/routes/" + name + "/plugins",
          "{\"name\":\"ai-model-router\",\"config\":{\"models\":[{\"name\":\"m\"}]}}", "Content-Type",
          "application/json");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      r = gw.admin("POST", "/routes/" + name + "/plugins", "{\"id\":\"" + pluginId + "\",\"name\":"
          + "\"ai-token-limiting\",\"config\":{" + limit + ",\"policy\":\"redis\",\"redis\":{\"host\":\"127.0.0.1\","
          + "\"port\":" + redisPort + ",\"timeout\":500}}}", "Content-Type", "application/json");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }
    return "/" + name;
  }

  private static HttpResponse<String> chat(StackGateway gw, String path, int maxTokens) {
    return gw.proxy("POST", path + "/v1/chat/completions", "{\"model\":\"m\",\"max_tokens\":" + maxTokens
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "Content-Type", "application/json");
  }

  @Test
  void oneBudgetAcrossNodesSettledWithMeasuredUsageInKeysThatExpire() throws Exception {
    String p = route(engine, "\"minute\":50", servers.redisPort(), node1, node2);
    HttpResponse<String> first = chat(node1, p, 100);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(first.headers().firstValue("X-AI-RateLimit-Remaining-Minute")).hasValue("0");
    // node 1's log phase settles the reservation down to the 15 measured tokens; node 2 then sees 15 used
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    HttpResponse<String> second;
    do {
      second = chat(node2, p, 1);
    } while (second.statusCode() == 429 && System.nanoTime() < deadline);
    assertThat(second.statusCode()).isEqualTo(200);
    Set<String> keys = redis.keys("ai-token-limit:*");
    String key = keys.stream().filter(k -> k.contains(":minute:")).findFirst().orElseThrow();
    long ttl = redis.pttl(key);
    assertThat(ttl).as("the minute window's key expires past its end (45 s away on the test clock)")
        .isBetween(1_000L, 46_000L);
    int used = 0;
    HttpResponse<String> r;
    do {
      r = chat(used % 2 == 0 ? node1 : node2, p, 1);
      used++;
    } while (r.statusCode() == 200 && used < 20);
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(used).as("requests until the shared 50-token window is spent").isBetween(1, 3);
    assertThat(Json.parseObject(r.body())).containsEntry("message", "AI token rate limit exceeded");
    assertThat(r.headers().firstValue("Retry-After")).hasValue("45");
  }

  @Test
  void twoHundredConcurrentStreamsOnTwoNodesAdmitAtMostTheBudgetPlusOneReservation() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger upstreamSaw = new AtomicInteger();
    try (StubUpstream slow = StubUpstream.start(ex -> {
      upstreamSaw.incrementAndGet();
      ex.startChunked(200, "text/event-stream");
      ex.write("data: {\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"t\"}}]}\n\n");
      release.await(30, TimeUnit.SECONDS);
      ex.write("data: [DONE]\n\n");
      ex.end();
    })) {
      String p = route(slow, "\"hour\":10000", servers.redisPort(), node1, node2);
      String body = "{\"model\":\"m\",\"stream\":true,\"max_tokens\":200,\"messages\":[{\"role\":\"user\","
          + "\"content\":\"Hi\"}]}";
      long reservation = (body.length() + 3) / 4 + 200;
      List<CompletableFuture<HttpResponse<Void>>> all = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        StackGateway gw = i % 2 == 0 ? node1 : node2;
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.proxyPort() + p
            + "/v1/chat/completions")).timeout(Duration.ofSeconds(40)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        all.add(gw.client().sendAsync(req, HttpResponse.BodyHandlers.discarding()));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      int refused = 0;
      while (refused + upstreamSaw.get() < 200 && System.nanoTime() < deadline) {
        refused = (int) all.stream().filter(f -> f.isDone() && f.join().statusCode() == 429).count();
        Thread.sleep(10);
      }
      release.countDown();
      int admitted = 0;
      refused = 0;
      for (CompletableFuture<HttpResponse<Void>> f : all) {
        int status = f.get(40, TimeUnit.SECONDS).statusCode();
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

  @Test
  void anUnreachableRedisFollowsFaultTolerant() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort(); // nothing listens there once closed
    }
    String tolerant = route(engine, "\"minute\":50", closed, node1);
    List<String> warnings = new CopyOnWriteArrayList<>();
    Logger redisLog = Logger.getLogger(RedisClients.class.getName());
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        warnings.add(r.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    redisLog.addHandler(capture);
    HttpResponse<String> through;
    try {
      through = chat(node1, tolerant, 1);
    } finally {
      redisLog.removeHandler(capture);
    }
    assertThat(through.statusCode()).as(through.body()).isEqualTo(200);
    // the warning names the plugin that let the request through, not rate-limiting
    assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("ai-token-limiting: Redis at "));
    assertThat(through.headers().firstValue("X-AI-RateLimit-Limit-Minute")).isEmpty();
    String strict = route(engine, "\"minute\":50,\"fault_tolerant\":false", closed, node1);
    HttpResponse<String> refused = chat(node1, strict, 1);
    assertThat(refused.statusCode()).isEqualTo(500);
    assertThat(refused.body()).contains("An unexpected error occurred").doesNotContain("Redis");
  }
}
