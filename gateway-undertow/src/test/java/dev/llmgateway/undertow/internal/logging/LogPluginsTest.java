package dev.llmgateway.undertow.internal.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.Verdict;
import dev.llmgateway.internal.plugins.prometheus.LlmFigures;
import dev.llmgateway.undertow.internal.testing.TestPlugins;
import dev.llmgateway.undertow.embed.EmbeddedGateway;
import dev.llmgateway.undertow.embed.Entities;
import dev.llmgateway.undertow.embed.GatewayConfigException;
import dev.llmgateway.undertow.embed.PluginScope;
import dev.llmgateway.undertow.internal.testing.Scrape;
import dev.llmgateway.undertow.internal.testing.StubRequest;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * file-log, http-log and correlation-id through a real gateway: lines parsed and checked against Kong's serializer
 * fields, no credential anywhere, reopen after rotation, batches at a collector, and exact drop counts against a
 * slow and a dead collector.
 */
class LogPluginsTest {
  @TempDir
  Path dir;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  PrometheusMeterRegistry registry;
  StubUpstream upstream;
  EmbeddedGateway gateway;
  Entities e;

  @BeforeEach
  void start() throws Exception {
    upstream = StubUpstream.start(ex -> ex.respond(200, "text/plain", "ok"));
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    gateway = EmbeddedGateway.builder().proxyListener("127.0.0.1", 0).meterRegistry(registry).ioThreads(2)
        .plugin(TestPlugins.of("llm-figures", 1000, new Plugin() {
          @Override
          public Verdict access(AccessContext ctx) {
            ctx.put(LlmFigures.KEY, new LlmFigures("openai", "gpt-4o", "gpt-4o-0613", 25, 12, 37, 80, 12.5, true,
                false));
            return Verdict.proceed();
          }
        })).start();
    e = gateway.entities();
    e.addService("llm", upstream.url());
    e.addRoute("llm", "llm-route", "/v1/llm");
    e.addRoute("llm", "auth-route", "/v1/auth");
    e.addPlugin("key-auth", PluginScope.route("auth-route"), Map.of("key_names", List.of("apikey", "x-secret")));
    e.addConsumer("alice");
    e.addKey("alice", "alice-key-123");
  }

  @AfterEach
  void stop() {
    gateway.close();
    upstream.close();
    registry.close();
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(gateway.proxyUri().resolve(path)).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (java.io.IOException ex) {
      return List.of();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void fileLogLinesAreKongsSerializerWithCorrelationIdsAndNoCredential() throws Exception {
    Path file = dir.resolve("access.json");
    e.addPlugin("file-log", PluginScope.global(), Map.of("path", file.toString()));
    e.addPlugin("correlation-id", PluginScope.global(), Map.of("echo_downstream", true));
    HttpResponse<String> first = get("/v1/auth/chat?x=1&x=2&flag&apikey=alice-key-123",
        "Authorization", "Bearer secret-token-9", "X-Secret", "also-secret");
    assertThat(first.statusCode()).isEqualTo(200);
    String correlation = first.headers().firstValue("Kong-Request-ID").orElseThrow();
    assertThat(correlation).matches("[0-9a-f-]{36}#\\d+");
    assertThat(get("/v1/auth/chat", "apikey", "alice-key-123").statusCode()).isEqualTo(200);
    assertThat(get("/v1/auth/chat", "Kong-Request-ID", "from-client").statusCode()).isEqualTo(401);
    await(() -> lines(file).size() == 3, "three lines");

    String text = Files.readString(file);
    assertThat(text).doesNotContain("alice-key-123", "secret-token-9", "also-secret");
    List<Map<String, Object>> logged = new ArrayList<>();
    for (String line : lines(file)) {
      logged.add(Json.parseObject(line));
    }
    logged.sort((a, b) -> Long.compare(((Number) a.get("started_at")).longValue(),
        ((Number) b.get("started_at")).longValue()));
    Map<String, Object> one = logged.stream().filter(m -> correlation.equals(m.get("correlation_id")))
        .findFirst().orElseThrow();
    assertThat(one).containsKeys("request", "upstream_uri", "upstream_status", "response", "latencies", "tries",
        "authenticated_entity", "route", "service", "consumer", "client_ip", "started_at", "source", "workspace",
        "workspace_name", "correlation_id");
    Map<String, Object> request = (Map<String, Object>) one.get("request");
    assertThat((String) request.get("id")).matches("[0-9a-f]{32}");
    assertThat(request.get("uri")).isEqualTo("/v1/auth/chat?x=1&x=2&flag&apikey=REDACTED");
    assertThat(request.get("method")).isEqualTo("GET");
    assertThat((String) request.get("url")).startsWith("http://127.0.0.1:").endsWith("/v1/auth/chat?x=1&x=2&flag"
        + "&apikey=REDACTED");
    assertThat((Map<String, Object>) request.get("querystring")).containsEntry("x", List.of("1", "2"))
        .containsEntry("flag", true).containsEntry("apikey", "REDACTED");
    assertThat((Map<String, Object>) request.get("headers")).containsEntry("authorization", "REDACTED")
        .containsEntry("x-secret", "REDACTED").containsKey("host");
    assertThat(((Number) request.get("size")).longValue()).isPositive();
    assertThat(one.get("upstream_uri")).isEqualTo("/chat?x=1&x=2&flag&apikey=REDACTED");
    assertThat(one.get("upstream_status")).isEqualTo("200");
    Map<String, Object> response = (Map<String, Object>) one.get("response");
    assertThat(((Number) response.get("status")).intValue()).isEqualTo(200);
    assertThat(((Number) response.get("size")).longValue()).isGreaterThan(2);
    assertThat((Map<String, Object>) response.get("headers")).containsEntry("kong-request-id", correlation);
    assertThat((Map<String, Object>) one.get("latencies")).containsKeys("kong", "proxy", "request", "receive");
    assertThat(((Map<String, Object>) one.get("route")).get("name")).isEqualTo("auth-route");
    assertThat(((Map<String, Object>) one.get("service")).get("name")).isEqualTo("llm");
    assertThat(((Map<String, Object>) one.get("consumer")).get("username")).isEqualTo("alice");
    assertThat(((Map<String, Object>) one.get("authenticated_entity")).get("consumer_id"))
        .isEqualTo(((Map<String, Object>) one.get("consumer")).get("id"));
    assertThat(one.get("client_ip")).isEqualTo("127.0.0.1");
    assertThat(one.get("source")).isEqualTo("upstream");
    assertThat(one.get("workspace_name")).isEqualTo("default");

    Map<String, Object> refused = logged.stream().filter(m -> "from-client".equals(m.get("correlation_id")))
        .findFirst().orElseThrow();
    assertThat(refused.get("source")).isEqualTo("kong");
    assertThat(refused.get("upstream_status")).isEqualTo("");
    assertThat(((Number) ((Map<String, Object>) refused.get("latencies")).get("proxy")).intValue()).isEqualTo(-1);
    assertThat(((Number) ((Map<String, Object>) refused.get("response")).get("status")).intValue()).isEqualTo(401);
    assertThat(upstream.requests().get(0).header("Kong-Request-ID")).isEqualTo(correlation);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theAiFieldCarriesWhatTheLlmLayerMeasured() throws Exception {
    Path file = dir.resolve("ai.json");
    e.addPlugin("file-log", PluginScope.global(), Map.of("path", file.toString()));
    assertThat(get("/v1/llm/plain").statusCode()).isEqualTo(200);
    e.addPlugin("llm-figures", PluginScope.route("llm-route"), Map.of());
    assertThat(get("/v1/llm/chat").statusCode()).isEqualTo(200);
    await(() -> lines(file).size() == 2, "two lines");
    Map<String, Object> plain = Json.parseObject(lines(file).get(0));
    assertThat(plain).doesNotContainKey("ai");
    Map<String, Object> proxy = (Map<String, Object>) ((Map<String, Object>) Json.parseObject(lines(file).get(1))
        .get("ai")).get("proxy");
    assertThat((Map<String, Object>) proxy.get("meta")).containsEntry("provider_name", "openai")
        .containsEntry("request_model", "gpt-4o").containsEntry("response_model", "gpt-4o-0613")
        .containsKey("llm_latency");
    assertThat((Map<String, Object>) proxy.get("usage")).containsEntry("prompt_tokens", 25L)
        .containsEntry("completion_tokens", 12L).containsEntry("total_tokens", 37L).containsKey("time_per_token");
  }

  @Test
  void correlationIdGenerators() throws Exception {
    e.addPlugin("correlation-id", PluginScope.route("llm-route"), Map.of("generator", "uuid",
        "header_name", "X-Trace", "echo_downstream", true));
    HttpResponse<String> r = get("/v1/llm/x");
    assertThat(r.headers().firstValue("X-Trace").orElseThrow())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    e.update("plugins", pluginId("correlation-id"), Map.of("config", Map.of("generator", "tracker",
        "header_name", "X-Trace", "echo_downstream", true)));
    assertThat(get("/v1/llm/x").headers().firstValue("X-Trace").orElseThrow())
        .matches("127\\.0\\.0\\.1-\\d+-\\d+-\\d+-1-\\d+\\.\\d{3}");
    e.update("plugins", pluginId("correlation-id"), Map.of("config", Map.of("echo_downstream", false)));
    HttpResponse<String> quiet = get("/v1/llm/x");
    assertThat(quiet.headers().firstValue("X-Trace")).as("PATCH keeps the other fields; echo is off").isEmpty();
    StubRequest last = upstream.requests().get(upstream.requests().size() - 1);
    assertThat(last.header("X-Trace")).matches("127\\.0\\.0\\.1-\\d+-\\d+-\\d+-1-\\d+\\.\\d{3}");
  }

  String pluginId(String name) {
    return e.list("plugins").stream().filter(p -> name.equals(p.string("name"))).findFirst().orElseThrow()
        .uuid("id").toString();
  }

  @Test
  void fileLogWithReopenFollowsARotatedFile() throws Exception {
    Path file = dir.resolve("rotated.json");
    e.addPlugin("file-log", PluginScope.global(), Map.of("path", file.toString(), "reopen", true));
    assertThat(get("/v1/llm/one").statusCode()).isEqualTo(200);
    await(() -> lines(file).size() == 1, "the first line");
    Files.move(file, dir.resolve("rotated.json.1"));
    assertThat(get("/v1/llm/two").statusCode()).isEqualTo(200);
    await(() -> lines(file).size() == 1, "a line in the new file");
    assertThat(lines(file).get(0)).contains("\"/v1/llm/two\"");
    assertThat(lines(dir.resolve("rotated.json.1"))).hasSize(1);
  }

  @Test
  void badLogConfigIsRefusedWithKongsErrorShape() {
    assertThatThrownBy(() -> e.addPlugin("http-log", PluginScope.global(), Map.of("http_endpoint",
        "http://127.0.0.1:1/", "custom_fields_by_lua", Map.of("x", "return 1"))))
        .isInstanceOfSatisfying(GatewayConfigException.class, ex -> {
          assertThat(ex.status()).isEqualTo(400);
          assertThat(ex.body()).containsEntry("name", "schema violation");
          assertThat(ex.body().get("fields").toString()).contains("custom_fields_by_lua is not supported");
        });
    assertThatThrownBy(() -> e.addPlugin("http-log", PluginScope.global(), Map.of("http_endpoint",
        "http://127.0.0.1:1/", "headers", Map.of("Host", "x"))))
        .isInstanceOfSatisfying(GatewayConfigException.class,
            ex -> assertThat(ex.body().get("fields").toString()).contains("cannot contain 'Host' header"));
    assertThatThrownBy(() -> e.addPlugin("http-log", PluginScope.global(), Map.of("http_endpoint",
        "http://u:p@127.0.0.1:1/", "headers", Map.of("authorization", "x"))))
        .isInstanceOfSatisfying(GatewayConfigException.class, ex -> assertThat(ex.body().get("fields").toString())
            .contains("specifying both an 'Authorization' header and user info in 'http_endpoint' is not allowed"));
    assertThatThrownBy(() -> e.addPlugin("file-log", PluginScope.global(), Map.of("path", "bad*name")))
        .isInstanceOfSatisfying(GatewayConfigException.class,
            ex -> assertThat(ex.body().get("fields").toString()).contains("not a valid filename"));
    assertThatThrownBy(() -> e.addPlugin("file-log", PluginScope.global(),
        Map.of("path", dir.resolve("missing/dir/x.log").toString())))
        .isInstanceOfSatisfying(GatewayConfigException.class,
            ex -> assertThat(ex.body().get("fields").toString()).contains("no such directory"));
    assertThatThrownBy(() -> e.addPlugin("correlation-id", PluginScope.global(), Map.of("generator", "nope")))
        .isInstanceOf(GatewayConfigException.class);
    assertThat(e.list("plugins")).hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void httpLogPostsBatchesWithBasicAuthFromTheUrl() throws Exception {
    try (StubUpstream collector = StubUpstream.start(ex -> ex.respond(200, "text/plain", ""))) {
      e.addPlugin("http-log", PluginScope.route("auth-route"), Map.of("http_endpoint",
          "http://user:pa%20ss@127.0.0.1:" + collector.port() + "/logs", "headers", Map.of("X-Team", "ml"),
          "queue", Map.of("max_batch_size", 3, "max_coalescing_delay", 5)));
      for (int i = 0; i < 6; i++) {
        assertThat(get("/v1/auth/x", "apikey", "alice-key-123").statusCode()).isEqualTo(200);
      }
      await(() -> collector.requests().size() == 2, "two batches");
      for (StubRequest batch : collector.requests()) {
        assertThat(batch.method()).isEqualTo("POST");
        assertThat(batch.path()).isEqualTo("/logs");
        assertThat(batch.header("Content-Type")).isEqualTo("application/json");
        assertThat(batch.header("X-Team")).isEqualTo("ml");
        assertThat(batch.header("Authorization")).isEqualTo("Basic dXNlcjpwYSBzcw==");
        List<Object> entries = (List<Object>) Json.parse(batch.bodyText());
        assertThat(entries).hasSize(3);
        assertThat(batch.bodyText()).doesNotContain("alice-key-123").contains("\"apikey\":\"REDACTED\"");
      }
    }
  }

  double dropped() {
    return Scrape.parse(registry.scrape()).all("llm_gateway_http_log_dropped_total").stream()
        .mapToDouble(Scrape.Sample::value).sum();
  }

  @Test
  void aSlowCollectorCostsDroppedEntriesCountedExactlyNeverProxyTime() throws Exception {
    try (StubUpstream collector = StubUpstream.start(ex -> {
      Thread.sleep(200);
      ex.respond(200, "text/plain", "");
    })) {
      e.addPlugin("http-log", PluginScope.route("llm-route"), Map.of("http_endpoint",
          "http://127.0.0.1:" + collector.port() + "/", "queue", Map.of("max_entries", 5)));
      long slowest = 0;
      for (int i = 0; i < 40; i++) {
        long t0 = System.nanoTime();
        assertThat(get("/v1/llm/x").statusCode()).isEqualTo(200);
        slowest = Math.max(slowest, System.nanoTime() - t0);
      }
      await(() -> collector.requests().size() + dropped() == 40, "every entry delivered or dropped");
      Thread.sleep(300); // nothing more may arrive: the queue is empty
      int delivered = collector.requests().size();
      assertThat(dropped()).isPositive().isEqualTo(40 - delivered);
      assertThat(TimeUnit.NANOSECONDS.toMillis(slowest)).as("a proxied request never waits for the collector")
          .isLessThan(2_000);
    }
  }

  @Test
  void aDeadCollectorDropsEveryEntryAfterItsRetries() throws Exception {
    int dead;
    try (ServerSocket s = new ServerSocket(0)) {
      dead = s.getLocalPort();
    }
    e.addPlugin("http-log", PluginScope.route("llm-route"), Map.of("http_endpoint", "http://127.0.0.1:" + dead + "/",
        "queue", Map.of("max_retry_time", 0.1, "initial_retry_delay", 0.01, "max_retry_delay", 0.02,
            "max_entries", 1000)));
    for (int i = 0; i < 25; i++) {
      assertThat(get("/v1/llm/x").statusCode()).isEqualTo(200);
    }
    await(() -> dropped() == 25, "all 25 dropped");
    Thread.sleep(200);
    assertThat(dropped()).isEqualTo(25);
  }
}
