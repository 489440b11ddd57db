package dev.llmgateway.undertow.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.schema.Row;
import dev.llmgateway.undertow.internal.testing.StubHandlers;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Entities#apply}: several changes stored and swapped in as one, through a real gateway. */
class EntityTransactionTest {
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  StubUpstream upstream;
  EmbeddedGateway gateway;

  @BeforeEach
  void start() throws Exception {
    upstream = StubUpstream.start(StubHandlers.echo());
    gateway = EmbeddedGateway.builder().proxyListener("127.0.0.1", 0).ioThreads(2).start();
  }

  @AfterEach
  void stop() {
    gateway.close();
    upstream.close();
  }

  int status(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(gateway.proxyUri().resolve(path)).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void aRouteAndTheKeyAuthGuardingItAppearTogetherToConcurrentRequests() throws Exception {
    // Requests without a key hammer the path while the service, route, plugin and consumer are added: with
    // one change per call the route would serve (200) before its key-auth exists; as one change it never does.
    AtomicBoolean done = new AtomicBoolean();
    Map<Integer, AtomicInteger> seen = new ConcurrentHashMap<>();
    Thread prober = new Thread(() -> {
      try {
        while (!done.get()) {
          seen.computeIfAbsent(status("/v1/llm/x"), s -> new AtomicInteger()).incrementAndGet();
        }
      } catch (Exception e) {
        seen.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
      }
    });
    prober.start();
    while (seen.getOrDefault(404, new AtomicInteger()).get() < 20) {
      Thread.onSpinWait();
    }
    Row route = gateway.entities().apply(tx -> {
      tx.addService("llm", upstream.url());
      Row r = tx.addRoute("llm", "llm-route", "/v1/llm");
      tx.addPlugin("key-auth", PluginScope.route("llm-route"), Map.of());
      tx.addConsumer("alice");
      tx.addKey("alice", "alice-key");
      return r;
    });
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (seen.getOrDefault(401, new AtomicInteger()).get() < 20 && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    done.set(true);
    prober.join(10_000);

    assertThat(route.string("name")).isEqualTo("llm-route");
    assertThat(seen.keySet()).containsExactlyInAnyOrder(404, 401);
    assertThat(status("/v1/llm/x", "apikey", "alice-key")).isEqualTo(200);
  }

  @Test
  void aRefusalAnywhereLeavesEverythingAsItWas() {
    Entities e = gateway.entities();
    e.addService("kept", upstream.url());
    assertThatThrownBy(() -> e.apply(tx -> {
      tx.addService("llm", upstream.url());
      tx.addRoute("llm", "llm-route", "/v1/llm");
      tx.update("services", "kept", Map.of("retries", 9));
      return tx.addService("kept", upstream.url()); // a duplicate name: Kong's 409
    })).isInstanceOfSatisfying(GatewayConfigException.class, ex -> assertThat(ex.status()).isEqualTo(409));
    assertThat(e.list("services")).extracting(r -> r.string("name")).containsExactly("kept");
    assertThat(e.get("services", "kept").get("retries")).isEqualTo(5L);
    assertThat(e.list("routes")).isEmpty();
  }

  @Test
  void laterChangesInATransactionSeeEarlierOnes() {
    int routes = gateway.entities().apply(tx -> {
      tx.addService("llm", upstream.url());
      tx.addRoute("llm", "a", "/a");
      tx.addRoute("llm", "b", "/b");
      tx.delete("routes", "a");
      return tx.list("routes").size();
    });
    assertThat(routes).isEqualTo(1);
    assertThat(gateway.entities().list("routes")).extracting(r -> r.string("name")).containsExactly("b");
  }

  @Test
  void asyncVariantsCompleteOnceTheChangeIsLiveOrWithTheAdminApisError() throws Exception {
    Entities e = gateway.entities();
    Row service = e.applyAsync(tx -> tx.addService(ServiceSpec.of("llm", upstream.url())
        .timeouts(Duration.ofMinutes(5)).retries(2))).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(service.get("read_timeout")).isEqualTo(300_000L);
    assertThat(service.get("retries")).isEqualTo(2L);
    e.addRoute(RouteSpec.of("llm", "chat", "/v1/chat").methods("POST"));
    assertThat(status("/v1/chat/x")).isEqualTo(404); // GET is not routed
    HttpResponse<String> posted = client.send(HttpRequest.newBuilder(gateway.proxyUri().resolve("/v1/chat/x"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(posted.statusCode()).isEqualTo(200);
    assertThat(Json.parseObject(posted.body())).containsEntry("path", "/x");

    assertThat(e.createAsync("services", Map.of("name", "bad", "url", "not a url")).toCompletableFuture())
        .failsWithin(Duration.ofSeconds(10)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .havingCause().isInstanceOfSatisfying(GatewayConfigException.class,
            ex -> assertThat(ex.status()).isEqualTo(400));
    assertThat(e.deleteAsync("routes", "chat").toCompletableFuture().get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(e.list("routes")).isEmpty();
  }
}
