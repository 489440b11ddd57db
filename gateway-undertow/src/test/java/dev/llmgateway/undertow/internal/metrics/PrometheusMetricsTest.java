package dev.llmgateway.undertow.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.plugin.Verdict;
import dev.llmgateway.internal.plugins.prometheus.LlmFigures;
import dev.llmgateway.undertow.embed.EmbeddedGateway;
import dev.llmgateway.undertow.embed.Entities;
import dev.llmgateway.undertow.embed.PluginScope;
import dev.llmgateway.undertow.internal.testing.RawHttpConnection;
import dev.llmgateway.undertow.internal.testing.Scrape;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import dev.llmgateway.undertow.internal.testing.TestPlugins;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A scripted workload through a real gateway with the prometheus plugin, then {@code /metrics} scraped from the
 * Admin and status listeners and parsed: Kong's names, label sets and exact counts, the LLM metrics from figures
 * a test plugin sets, target health, and bounded cardinality.
 */
class PrometheusMetricsTest {
  static final Map<String, Object> ALL = Map.of("per_consumer", true, "status_code_metrics", true,
      "latency_metrics", true, "bandwidth_metrics", true, "upstream_health_metrics", true, "ai_metrics", true);

  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final CountDownLatch release = new CountDownLatch(1);
  PrometheusMeterRegistry registry;
  StubUpstream upstream;
  EmbeddedGateway gateway;

  /** Puts the LLM figures the request's headers describe, as the OpenAI-aware layer will. */
  PluginType<TestPlugins.NoConfig> figures() {
    return TestPlugins.of("llm-figures", 1000, setup -> {
      return new Plugin() {
        @Override
        public Verdict access(AccessContext ctx) {
          String model = ctx.request().headers().first("x-model");
          if (model != null) {
            boolean stream = ctx.request().headers().contains("x-stream");
            ctx.put(LlmFigures.KEY, new LlmFigures("openai", model, model + "-0613", 25, 12, 37,
                stream ? 120 : -1, stream ? 30.0 : -1, stream, false));
          }
          return Verdict.proceed();
        }
      };
    });
  }

  @BeforeEach
  void start() throws Exception {
    upstream = StubUpstream.start(ex -> {
      String path = ex.request().path();
      if (path.startsWith("/err")) {
        ex.respond(500, "text/plain", "boom");
      } else if (path.startsWith("/slow")) {
        release.await(10, TimeUnit.SECONDS);
        ex.respond(200, "text/plain", "late");
      } else if (path.startsWith("/stream")) {
        ex.startChunked(200, "text/event-stream");
        ex.write("data: {\"x\":1}\n\n");
        if (path.startsWith("/stream/held")) {
          release.await(10, TimeUnit.SECONDS);
        }
        ex.write("data: [DONE]\n\n");
        ex.end();
      } else {
        ex.respond(200, "text/plain", "ok");
      }
    });
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    gateway = EmbeddedGateway.builder().proxyListener("127.0.0.1", 0).adminListener("127.0.0.1", 0)
        .statusListener("127.0.0.1", 0).meterRegistry(registry).metricsText(registry::scrape)
        .plugin(figures()).ioThreads(2).start();
    Entities e = gateway.entities();
    e.addService("llm", upstream.url());
    e.addRoute("llm", "llm-route", "/v1/llm");
    e.addRoute("llm", "auth-route", "/v1/auth");
    e.addRoute("llm", "limited-route", "/v1/limited");
    e.addPlugin("key-auth", PluginScope.route("auth-route"), Map.of());
    // An hour's window: with a minute's, a request crossing the minute's end got a fresh budget (a flaky 200).
    e.addPlugin("rate-limiting", PluginScope.route("limited-route"), Map.of("hour", 1));
    e.addConsumer("alice");
    e.addKey("alice", "alice-key");
    e.addPlugin("prometheus", PluginScope.global(), ALL);
    e.addPlugin("llm-figures", PluginScope.global(), Map.of());
    e.create("upstreams", Map.of("name", "vllm-pool"));
    e.create("targets", Map.of("upstream", Map.of("name", "vllm-pool"), "target", "10.0.0.1:8000"));
    e.create("targets", Map.of("upstream", Map.of("name", "vllm-pool"), "target", "10.0.0.2:8000"));
  }

  @AfterEach
  void stop() {
    release.countDown();
    gateway.close();
    upstream.close();
    registry.close();
  }

  int get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(gateway.proxyUri().resolve(path)).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  HttpResponse<String> scrapeFrom(URI base) throws Exception {
    return client.send(HttpRequest.newBuilder(base.resolve("/metrics")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Scrapes until {@code ready} holds (log phases run after the response, on a worker), at most 10 s. */
  Scrape scrapeWhen(Predicate<Scrape> ready) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      Scrape s = Scrape.parse(scrapeFrom(gateway.adminUri().orElseThrow()).body());
      if (ready.test(s) || System.nanoTime() > deadline) {
        return s;
      }
      Thread.sleep(100);
    }
  }

  static double total(Scrape s, String name) {
    return s.all(name).stream().mapToDouble(Scrape.Sample::value).sum();
  }

  @Test
  void kongSeriesCountEveryRequestByStatusSourceAndConsumer() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(get("/v1/llm/ok")).isEqualTo(200);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(get("/v1/llm/err")).isEqualTo(500);
    }
    assertThat(get("/v1/auth/ok")).isEqualTo(401);
    assertThat(get("/v1/auth/ok")).isEqualTo(401);
    assertThat(get("/v1/auth/ok", "apikey", "alice-key")).isEqualTo(200);
    assertThat(get("/nowhere")).isEqualTo(404);
    Scrape s = scrapeWhen(x -> total(x, "kong_http_requests_total") >= 11);

    assertThat(s.type("kong_http_requests_total")).isEqualTo("counter");
    assertThat(s.value("kong_http_requests_total", "service", "llm", "route", "llm-route", "code", "200",
        "source", "service", "workspace", "default", "consumer", "")).isEqualTo(5);
    assertThat(s.value("kong_http_requests_total", "route", "llm-route", "code", "500", "source", "service"))
        .isEqualTo(3);
    assertThat(s.value("kong_http_requests_total", "route", "auth-route", "code", "401", "source", "kong",
        "consumer", "")).isEqualTo(2);
    assertThat(s.value("kong_http_requests_total", "route", "auth-route", "code", "200", "consumer", "alice"))
        .isEqualTo(1);
    assertThat(total(s, "kong_http_requests_total")).as("no route matched: not recorded").isEqualTo(11);
    assertThat(s.all("kong_http_requests_total").get(0).labels().keySet())
        .containsExactlyInAnyOrder("service", "route", "code", "source", "workspace", "consumer");

    assertThat(s.type("kong_kong_latency_ms")).isEqualTo("histogram");
    assertThat(s.value("kong_kong_latency_ms_count", "service", "llm", "route", "llm-route", "workspace", "default"))
        .isEqualTo(8);
    assertThat(s.labelValues("kong_kong_latency_ms_bucket", "le")).containsExactlyInAnyOrder("1.0", "2.0", "5.0",
        "7.0", "10.0", "15.0", "20.0", "30.0", "50.0", "75.0", "100.0", "200.0", "500.0", "750.0", "1000.0",
        "3000.0", "6000.0", "+Inf");
    assertThat(s.labelValues("kong_upstream_latency_ms_bucket", "le")).containsExactlyInAnyOrder("25.0", "50.0",
        "80.0", "100.0", "250.0", "400.0", "700.0", "1000.0", "2000.0", "5000.0", "10000.0", "30000.0", "60000.0",
        "+Inf");
    assertThat(s.value("kong_upstream_latency_ms_count", "route", "auth-route")).as("401s never went upstream")
        .isEqualTo(1);
    assertThat(s.value("kong_request_latency_ms_count", "route", "auth-route")).isEqualTo(3);
    assertThat(s.value("llm_gateway_overhead_seconds_count", "route", "llm-route")).isEqualTo(8);
    assertThat(s.value("kong_bandwidth_bytes", "route", "llm-route", "direction", "egress", "consumer", ""))
        .isEqualTo(5 * 2 + 3 * 4);

    assertThat(s.type("kong_bandwidth_bytes")).isEqualTo("gauge");
    assertThat(s.value("kong_node_info")).isEqualTo(1);
    assertThat(s.value("kong_datastore_reachable")).isEqualTo(1);
    assertThat(s.value("kong_nginx_metric_errors_total")).isZero();
    assertThat(s.value("kong_nginx_connections_total", "state", "accepted")).isGreaterThanOrEqualTo(1);
    assertThat(s.value("kong_nginx_requests_total", "subsystem", "http")).isGreaterThanOrEqualTo(12);
    assertThat(s.matching("kong_upstream_target_health", "upstream", "vllm-pool", "target", "10.0.0.1:8000",
        "address", "10.0.0.1:8000", "subsystem", "http")).hasSize(4);
    assertThat(s.value("kong_upstream_target_health", "target", "10.0.0.2:8000", "state", "healthchecks_off"))
        .isEqualTo(1);
    assertThat(s.value("kong_upstream_target_health", "target", "10.0.0.2:8000", "state", "healthy")).isZero();
  }

  @Test
  void countsAndBytesCarryOnAcrossConfigChanges() throws Exception {
    assertThat(get("/v1/llm/ok")).isEqualTo(200);
    assertThat(get("/v1/llm/ok")).isEqualTo(200);
    scrapeWhen(x -> total(x, "kong_http_requests_total") >= 2);
    gateway.entities().update("routes", "llm-route", Map.of("tags", List.of("changed")));
    gateway.entities().addConsumer("bob");
    assertThat(get("/v1/llm/ok")).isEqualTo(200);
    Scrape s = scrapeWhen(x -> total(x, "kong_http_requests_total") >= 3);
    assertThat(s.value("kong_http_requests_total", "route", "llm-route", "code", "200")).isEqualTo(3);
    assertThat(s.value("kong_bandwidth_bytes", "route", "llm-route", "direction", "egress")).isEqualTo(3 * 2);
    assertThat(s.value("kong_request_latency_ms_count", "route", "llm-route")).isEqualTo(3);
  }

  @Test
  void metricsAreServedOnTheAdminAndStatusListenersAndTheStatusListenerServesNothingElse() throws Exception {
    assertThat(get("/v1/llm/ok")).isEqualTo(200);
    scrapeWhen(x -> total(x, "kong_http_requests_total") >= 1);
    HttpResponse<String> admin = scrapeFrom(gateway.adminUri().orElseThrow());
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(admin.headers().firstValue("content-type")).hasValue("text/plain; charset=UTF-8");
    URI status = URI.create("http://127.0.0.1:" + gateway.statusAddresses().get(0).getPort() + "/");
    HttpResponse<String> fromStatus = scrapeFrom(status);
    assertThat(fromStatus.statusCode()).isEqualTo(200);
    assertThat(Scrape.parse(fromStatus.body()).value("kong_http_requests_total", "code", "200")).isEqualTo(1);
    HttpResponse<String> statusPage = client.send(HttpRequest.newBuilder(status.resolve("/status")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(statusPage.statusCode()).isEqualTo(200);
    assertThat(statusPage.body()).contains("\"database\"", "\"server\"");
    for (String path : List.of("/services", "/config", "/", "/consumers")) {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(status.resolve(path)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.body()).isEqualTo("{\"message\":\"Not found\"}");
    }
  }

  @Test
  void llmFiguresBecomeKongAiAndGenAiSeriesWithExactCounts() throws Exception {
    for (int i = 0; i < 4; i++) {
      assertThat(get("/v1/llm/ok", "x-model", "gpt-4o")).isEqualTo(200);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(get("/v1/llm/stream/x", "x-model", "llama-3", "x-stream", "1")).isEqualTo(200);
    }
    assertThat(get("/v1/auth/ok", "apikey", "alice-key", "x-model", "gpt-4o")).isEqualTo(200);
    Scrape s = scrapeWhen(x -> total(x, "kong_ai_llm_requests_total") >= 8);

    assertThat(s.value("kong_ai_llm_requests_total", "ai_provider", "openai", "ai_model", "gpt-4o", "cache_status",
        "", "vector_db", "", "embeddings_provider", "", "embeddings_model", "", "workspace", "default"))
        .isEqualTo(5);
    assertThat(s.value("kong_ai_llm_tokens_total", "ai_model", "gpt-4o", "token_type", "prompt_tokens"))
        .isEqualTo(5 * 25);
    assertThat(s.value("kong_ai_llm_tokens_total", "ai_model", "llama-3", "token_type", "completion_tokens"))
        .isEqualTo(3 * 12);
    assertThat(s.value("kong_ai_llm_tokens_total", "ai_model", "llama-3", "token_type", "total_tokens"))
        .isEqualTo(3 * 37);
    assertThat(s.value("kong_ai_llm_provider_latency_ms_count", "ai_model", "llama-3")).isEqualTo(3);

    assertThat(s.value("gen_ai_client_token_usage_sum", "gen_ai_request_model", "gpt-4o", "consumer", "alice",
        "gen_ai_token_type", "input")).isEqualTo(25);
    assertThat(s.value("gen_ai_client_token_usage_sum", "gen_ai_request_model", "gpt-4o", "consumer", "",
        "gen_ai_token_type", "output", "gen_ai_provider_name", "openai", "gen_ai_operation_name", "chat",
        "route", "llm-route", "service", "llm")).isEqualTo(4 * 12);
    assertThat(s.value("gen_ai_client_token_usage_bucket", "gen_ai_request_model", "llama-3",
        "gen_ai_token_type", "output", "le", "16.0")).isEqualTo(3);
    assertThat(s.value("gen_ai_client_token_usage_bucket", "gen_ai_request_model", "llama-3",
        "gen_ai_token_type", "output", "le", "4.0")).isZero();
    // TTFT 120 ms: in the 0.25 s bucket, not the 0.1 s one; only the streams have it.
    assertThat(s.value("gen_ai_server_time_to_first_token_seconds_count", "gen_ai_request_model", "llama-3"))
        .isEqualTo(3);
    assertThat(s.value("gen_ai_server_time_to_first_token_seconds_bucket", "gen_ai_request_model", "llama-3",
        "le", "0.1")).isZero();
    assertThat(s.value("gen_ai_server_time_to_first_token_seconds_bucket", "gen_ai_request_model", "llama-3",
        "le", "0.25")).isEqualTo(3);
    assertThat(s.matching("gen_ai_server_time_to_first_token_seconds_count", "gen_ai_request_model", "gpt-4o"))
        .allMatch(x -> x.value() == 0);
    assertThat(s.value("gen_ai_server_time_per_output_token_seconds_bucket", "gen_ai_request_model", "llama-3",
        "le", "0.05")).isEqualTo(3);
    assertThat(s.value("gen_ai_server_time_per_output_token_seconds_bucket", "gen_ai_request_model", "llama-3",
        "le", "0.025")).isZero();
    assertThat(s.value("gen_ai_client_operation_duration_seconds_count", "gen_ai_request_model", "llama-3",
        "error_type", "")).isEqualTo(3);
    assertThat(s.labelValues("gen_ai_server_time_to_first_token_seconds_bucket", "le")).hasSize(17);
    assertThat(s.labelValues("gen_ai_client_token_usage_bucket", "le")).hasSize(15);
  }

  @Test
  void openStreamsDisconnectsAndRateLimitRejectionsAreCounted() throws Exception {
    assertThat(get("/v1/limited/ok")).isEqualTo(200);
    assertThat(get("/v1/limited/ok")).isEqualTo(429);
    assertThat(get("/v1/limited/ok")).isEqualTo(429);

    int port = gateway.proxyUri().getPort();
    try (RawHttpConnection held = RawHttpConnection.open(port)) {
      held.write("GET /v1/llm/stream/held HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(held.readHead().status()).isEqualTo(200);
      Scrape open = scrapeWhen(x -> x.all("llm_gateway_open_streams").stream().anyMatch(v -> v.value() == 1));
      assertThat(open.value("llm_gateway_open_streams")).isEqualTo(1);
      try (RawHttpConnection leaving = RawHttpConnection.open(port)) {
        leaving.write("GET /v1/llm/slow HTTP/1.1\r\nHost: x\r\n\r\n");
        upstream.takeRequest(Duration.ofSeconds(5));
        upstream.takeRequest(Duration.ofSeconds(5));
      }
      // The disconnect counter and the 499 request series are both recorded after the exchange ends; wait for both.
      Scrape s = scrapeWhen(x -> total(x, "llm_gateway_client_disconnects_total") >= 1
          && !x.matching("kong_http_requests_total", "route", "llm-route", "code", "499").isEmpty());
      assertThat(s.value("llm_gateway_client_disconnects_total", "route", "llm-route")).isEqualTo(1);
      assertThat(s.value("kong_http_requests_total", "route", "llm-route", "code", "499", "source", "kong"))
          .isEqualTo(1);
      assertThat(s.value("llm_gateway_rate_limit_rejections_total", "route", "limited-route")).isEqualTo(2);
      release.countDown();
    }
    Scrape after = scrapeWhen(x -> x.all("llm_gateway_open_streams").stream().allMatch(v -> v.value() == 0));
    assertThat(after.value("llm_gateway_open_streams")).isZero();
  }

  @Test
  void theBalancersHealthReplacesTheDefaults() throws Exception {
    assertThat(get("/v1/llm/ok")).isEqualTo(200);
    // The real path: the Admin API marks a target down in the balancer, whose health the gauge then shows.
    HttpResponse<String> marked = client.send(HttpRequest.newBuilder(gateway.adminUri().orElseThrow()
        .resolve("/upstreams/vllm-pool/targets/10.0.0.2:8000/unhealthy")).timeout(Duration.ofSeconds(10))
        .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(marked.statusCode()).as(marked.body()).isEqualTo(204);
    Scrape s = scrapeWhen(x -> x.value("kong_upstream_target_health", "target", "10.0.0.2:8000", "state",
        "unhealthy") == 1);
    assertThat(s.value("kong_upstream_target_health", "target", "10.0.0.2:8000", "state", "unhealthy"))
        .isEqualTo(1);
    assertThat(s.value("kong_upstream_target_health", "target", "10.0.0.2:8000", "state", "healthchecks_off"))
        .isZero();
    assertThat(s.value("kong_upstream_target_health", "target", "10.0.0.1:8000", "state", "healthchecks_off"))
        .isEqualTo(1);
    assertThat(s.all("kong_upstream_target_health")).hasSize(8);
  }

  /** Sends {@code count} pipelined GETs on one connection, {@code path(i)} each, and waits for every 200. */
  void pipelined(int count, java.util.function.IntFunction<String> request) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", gateway.proxyUri().getPort())) {
      socket.setSoTimeout(10_000);
      java.io.InputStream in = socket.getInputStream();
      java.io.OutputStream out = socket.getOutputStream();
      byte[] buffer = new byte[64 * 1024];
      int batch = 200;
      for (int sent = 0; sent < count; sent += batch) {
        StringBuilder b = new StringBuilder();
        int n = Math.min(batch, count - sent);
        for (int i = 0; i < n; i++) {
          b.append(request.apply(sent + i));
        }
        out.write(b.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.flush();
        int seen = 0;
        String carry = "";
        while (seen < n) {
          int r = in.read(buffer);
          assertThat(r).isPositive();
          String text = carry + new String(buffer, 0, r, java.nio.charset.StandardCharsets.ISO_8859_1);
          int at = 0;
          while ((at = text.indexOf("HTTP/1.1 ", at)) >= 0 && at + 12 <= text.length()) {
            assertThat(text.substring(at + 9, at + 12)).isEqualTo("200");
            seen++;
            at += 12;
          }
          carry = text.substring(Math.max(0, text.length() - 12));
          if (carry.contains("HTTP/1.1 ")) {
            carry = carry.substring(carry.indexOf("HTTP/1.1 ") + 1);
          }
        }
      }
    }
  }

  static long llmSamples(Scrape s) {
    return s.all().stream().filter(x -> x.name().startsWith("gen_ai_") || x.name().startsWith("kong_ai_")).count();
  }

  @Test
  void cardinalityStaysBoundedUnderTenThousandPathsAndAThousandModels() throws Exception {
    pipelined(10_000, i -> "GET /v1/llm/ok/" + i + " HTTP/1.1\r\nHost: x\r\n\r\n");
    Scrape paths = scrapeWhen(x -> total(x, "kong_http_requests_total") >= 10_000);
    assertThat(total(paths, "kong_http_requests_total")).isEqualTo(10_000);
    assertThat(paths.all("kong_http_requests_total")).as("paths are never a label").hasSize(1);

    pipelined(150, i -> "GET /v1/llm/ok HTTP/1.1\r\nHost: x\r\nx-model: made-up-" + i + "\r\n\r\n");
    Scrape some = scrapeWhen(x -> total(x, "kong_ai_llm_requests_total") >= 150);
    pipelined(850, i -> "GET /v1/llm/ok HTTP/1.1\r\nHost: x\r\nx-model: made-up-" + (150 + i) + "\r\n\r\n");
    Scrape all = scrapeWhen(x -> total(x, "kong_ai_llm_requests_total") >= 1_000);
    assertThat(all.labelValues("kong_ai_llm_requests_total", "ai_model")).hasSize(101).contains("other");
    assertThat(all.value("kong_ai_llm_requests_total", "ai_model", "other")).isEqualTo(900);
    assertThat(llmSamples(all)).as("850 more unknown models add no series").isEqualTo(llmSamples(some));
    assertThat(all.all("gen_ai_client_token_usage_bucket")).hasSize(101 * 2 * 15);
  }
}
