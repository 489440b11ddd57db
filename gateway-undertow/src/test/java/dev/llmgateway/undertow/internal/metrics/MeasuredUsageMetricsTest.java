package dev.llmgateway.undertow.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.undertow.embed.EmbeddedGateway;
import dev.llmgateway.undertow.embed.PluginScope;
import dev.llmgateway.undertow.internal.testing.Scrape;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The prometheus plugin's AI series fed by the OpenAI-aware layer's own measurement (no test plugin): a chat
 * through ai-model-router, whose engine reports its usage, shows up as exact token counts by model.
 */
class MeasuredUsageMetricsTest {
  static final String USAGE = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"llama-3-8b\","
      + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
      + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":5,\"total_tokens\":12}}";

  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  PrometheusMeterRegistry registry;
  StubUpstream engine;
  EmbeddedGateway gateway;

  @BeforeEach
  void start() throws Exception {
    engine = StubUpstream.start(ex -> ex.respond(200, "application/json", USAGE));
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    gateway = EmbeddedGateway.builder().proxyListener("127.0.0.1", 0).adminListener("127.0.0.1", 0)
        .meterRegistry(registry).metricsText(registry::scrape).ioThreads(2).start();
    gateway.entities().apply(tx -> {
      tx.addService("fleet", engine.url());
      tx.create("routes", Map.of("name", "fleet", "paths", List.of("/v1"), "strip_path", false,
          "service", Map.of("name", "fleet")));
      tx.addPlugin("ai-model-router", PluginScope.route("fleet"),
          Map.of("models", List.of(Map.of("name", "llama-3-8b"))));
      return tx.addPlugin("prometheus", PluginScope.global(), Map.of("ai_metrics", true));
    });
  }

  @AfterEach
  void stop() {
    gateway.close();
    engine.close();
    registry.close();
  }

  @Test
  void tokensTheEngineReportedAreCountedByModel() throws Exception {
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(gateway.proxyUri().resolve("/v1/chat/completions"))
          .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"llama-3-8b\",\"messages\":[]}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
    Scrape s = scrapeWhen(x -> x.value("kong_ai_llm_tokens_total", "ai_model", "llama-3-8b", "token_type",
        "total_tokens") >= 36);
    assertThat(s.value("kong_ai_llm_tokens_total", "ai_model", "llama-3-8b", "token_type", "prompt_tokens"))
        .isEqualTo(21);
    assertThat(s.value("kong_ai_llm_tokens_total", "ai_model", "llama-3-8b", "token_type", "completion_tokens"))
        .isEqualTo(15);
    assertThat(s.value("kong_ai_llm_tokens_total", "ai_model", "llama-3-8b", "token_type", "total_tokens"))
        .isEqualTo(36);
    assertThat(s.value("kong_ai_llm_requests_total", "ai_model", "llama-3-8b")).isEqualTo(3);
  }

  Scrape scrapeWhen(java.util.function.Predicate<Scrape> ready) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      Scrape s = Scrape.parse(client.send(HttpRequest.newBuilder(gateway.adminUri().orElseThrow()
          .resolve("/metrics")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body());
      if (ready.test(s) || System.nanoTime() > deadline) {
        return s;
      }
      Thread.sleep(50);
    }
  }
}
