package dev.llmgateway.undertow.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.plugin.Verdict;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;
import dev.llmgateway.undertow.internal.testing.StubHandlers;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddedGatewayTest {
  /** A plugin written against the SPI and registered in code: tags the upstream request, or refuses it. */
  /** The tag plugin's config. */
  record TagConfig(String value, boolean refuse) {}

  static final class TagType implements PluginType<TagConfig> {
    @Override
    public String name() {
      return "tag";
    }

    @Override
    public int priority() {
      return 800;
    }

    @Override
    public Schema configSchema() {
      return Schema.of("tag", Field.string("value").required(), Field.bool("refuse").required().defaultValue(false));
    }

    @Override
    public Class<TagConfig> configType() {
      return TagConfig.class;
    }

    @Override
    public Plugin create(PluginSetup<TagConfig> setup) {
      String value = setup.config().value();
      boolean refuse = setup.config().refuse();
      return new Plugin() {
        @Override
        public Verdict access(AccessContext ctx) {
          if (refuse) {
            return Verdict.error(418, "refused by tag " + value);
          }
          ctx.upstream().headers().set("X-Tag", value);
          return Verdict.proceed();
        }
      };
    }
  }

  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  StubUpstream first;
  StubUpstream second;
  EmbeddedGateway gateway;

  @BeforeEach
  void start() throws Exception {
    first = StubUpstream.start(StubHandlers.echo());
    second = StubUpstream.start(ex -> ex.respond(200, "text/plain", "second"));
    gateway = EmbeddedGateway.builder().proxyListener("127.0.0.1", 0).adminListener("127.0.0.1", 0)
        .plugin(new TagType()).ioThreads(2).start();
  }

  @AfterEach
  void stop() {
    gateway.close();
    first.close();
    second.close();
  }

  HttpResponse<String> get(URI uri, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void routesRegisteredInCodeServeAtOnceAndChangeAtRunTime() throws Exception {
    Entities e = gateway.entities();
    e.addService("llm", first.url(), Map.of("read_timeout", 120_000));
    e.addRoute("llm", "llm-route", "/v1/llm");
    HttpResponse<String> r = get(gateway.proxyUri().resolve("/v1/llm/v1/models?x=1"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Json.parseObject(r.body())).containsEntry("path", "/v1/models").containsEntry("query", "x=1");

    e.update("services", "llm", Map.of("url", second.url()));
    assertThat(get(gateway.proxyUri().resolve("/v1/llm/v1/models")).body()).isEqualTo("second");

    assertThat(e.delete("routes", "llm-route")).isTrue();
    assertThat(e.delete("routes", "llm-route")).isFalse();
    assertThat(get(gateway.proxyUri().resolve("/v1/llm/v1/models")).statusCode()).isEqualTo(404);
  }

  @Test
  void aCustomPluginRegisteredInCodeRunsWhereItIsScoped() throws Exception {
    Entities e = gateway.entities();
    e.addService("llm", first.url());
    e.addRoute("llm", "llm-route", "/v1/llm");
    e.addService("other", first.url());
    e.addRoute("other", "other-route", "/v1/other");
    e.addPlugin("tag", PluginScope.service("llm"), Map.of("value", "from-code"));
    Map<String, Object> seen = Json.parseObject(get(gateway.proxyUri().resolve("/v1/llm/x")).body());
    assertThat(seen.get("headers").toString()).contains("x-tag=[from-code]");
    Map<String, Object> other = Json.parseObject(get(gateway.proxyUri().resolve("/v1/other/x")).body());
    assertThat(other.get("headers").toString()).doesNotContain("x-tag");

    e.addPlugin("tag", PluginScope.route("other-route"), Map.of("value", "no", "refuse", true));
    HttpResponse<String> refused = get(gateway.proxyUri().resolve("/v1/other/x"));
    assertThat(refused.statusCode()).isEqualTo(418);
    assertThat(refused.body()).contains("refused by tag no");
    assertThat(gateway.pluginNames()).contains("tag", "key-auth", "rate-limiting", "acl");
  }

  @Test
  void consumersKeysAndBundledPluginsFromCode() throws Exception {
    Entities e = gateway.entities();
    e.addService("llm", first.url());
    e.addRoute("llm", "llm-route", "/v1/llm");
    e.addPlugin("key-auth", PluginScope.service("llm"), Map.of());
    e.addConsumer("alice");
    e.addKey("alice", "alice-key");
    assertThat(get(gateway.proxyUri().resolve("/v1/llm/x")).statusCode()).isEqualTo(401);
    HttpResponse<String> ok = get(gateway.proxyUri().resolve("/v1/llm/x"), "apikey", "alice-key");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("x-consumer-username", "alice");
  }

  @Test
  void refusedChangesSayWhatTheAdminApiWouldAndChangeNothing() {
    Entities e = gateway.entities();
    assertThatThrownBy(() -> e.addService("bad", "not a url")).isInstanceOfSatisfying(GatewayConfigException.class,
        ex -> {
          assertThat(ex.status()).isEqualTo(400);
          assertThat(ex.body()).containsEntry("name", "schema violation").containsKey("fields");
        });
    e.addService("llm", first.url());
    assertThatThrownBy(() -> e.addService("llm", first.url())).isInstanceOfSatisfying(
        GatewayConfigException.class, ex -> assertThat(ex.status()).isEqualTo(409));
    assertThatThrownBy(() -> e.addRoute("missing", "r", "/x")).isInstanceOf(GatewayConfigException.class);
    assertThatThrownBy(() -> e.create("nope", Map.of())).isInstanceOfSatisfying(GatewayConfigException.class,
        ex -> assertThat(ex.status()).isEqualTo(404));
    assertThat(e.list("services")).hasSize(1);
    assertThat(e.list("routes")).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void statusCountsTheProxyListenersConnectionsAndRequests() throws Exception {
    gateway.entities().addService("llm", first.url());
    gateway.entities().addRoute("llm", "llm-route", "/v1/llm");
    URI admin = gateway.adminUri().orElseThrow();
    Map<String, Object> before = (Map<String, Object>) Json.parseObject(get(admin.resolve("/status")).body())
        .get("server");
    assertThat(before).containsEntry("connections_accepted", 0L).containsEntry("total_requests", 0L);
    HttpClient fresh = HttpClient.newHttpClient();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r = fresh.send(HttpRequest.newBuilder(gateway.proxyUri().resolve("/v1/llm/x" + i))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
    }
    Map<String, Object> after = (Map<String, Object>) Json.parseObject(get(admin.resolve("/status")).body())
        .get("server");
    // one keep-alive connection carried the three requests and is still open (waiting)
    assertThat(after).containsEntry("connections_accepted", 1L).containsEntry("connections_handled", 1L)
        .containsEntry("connections_active", 1L).containsEntry("connections_waiting", 1L)
        .containsEntry("connections_writing", 0L).containsEntry("total_requests", 3L);

    // a request held by its upstream counts as writing, like nginx counts one being processed
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (StubUpstream slow = StubUpstream.start(ex -> {
      arrived.countDown();
      release.await(10, TimeUnit.SECONDS);
      ex.respond(200, "text/plain", "late");
    })) {
      gateway.entities().addService("slow", slow.url());
      gateway.entities().addRoute("slow", "slow-route", "/v1/slow");
      CompletableFuture<HttpResponse<String>> held = fresh.sendAsync(
          HttpRequest.newBuilder(gateway.proxyUri().resolve("/v1/slow/x")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
      Map<String, Object> during = (Map<String, Object>) Json.parseObject(get(admin.resolve("/status")).body())
          .get("server");
      assertThat(during).containsEntry("connections_writing", 1L).containsEntry("connections_reading", 0L);
      release.countDown();
      assertThat(held.get(10, TimeUnit.SECONDS).body()).isEqualTo("late");
    }
  }

  @Test
  void upstreamKeepaliveReusesConnectionsUnlessThePoolSizeIsZero() throws Exception {
    gateway.entities().addService("llm", first.url());
    gateway.entities().addRoute("llm", "llm-route", "/v1/llm");
    for (int i = 0; i < 3; i++) {
      assertThat(get(gateway.proxyUri().resolve("/v1/llm/x")).statusCode()).isEqualTo(200);
    }
    assertThat(first.accepted()).isEqualTo(1);
    try (EmbeddedGateway noReuse = EmbeddedGateway.builder().proxyListener("127.0.0.1", 0).ioThreads(1)
        .upstreamKeepalive(0, Duration.ofSeconds(4)).start()) {
      noReuse.entities().addService("second", second.url());
      noReuse.entities().addRoute("second", "second-route", "/v1/second");
      for (int i = 0; i < 3; i++) {
        assertThat(get(noReuse.proxyUri().resolve("/v1/second/x")).body()).isEqualTo("second");
      }
    }
    assertThat(second.accepted()).isEqualTo(3);
  }

  @Test
  void adminListenerServesTheAdminApiAndStatusTurns503WhileDraining() throws Exception {
    gateway.entities().addService("llm", first.url());
    URI admin = gateway.adminUri().orElseThrow();
    assertThat(Json.parseObject(get(admin.resolve("/services/llm")).body())).containsEntry("name", "llm");
    assertThat(get(admin.resolve("/status")).statusCode()).isEqualTo(200);
    assertThat(gateway.drain(Duration.ofSeconds(5))).isTrue();
    assertThat(gateway.isDraining()).isTrue();
    HttpResponse<String> draining = get(admin.resolve("/status"));
    assertThat(draining.statusCode()).isEqualTo(503);
    assertThat(draining.body()).contains("draining");
    assertThat(get(admin.resolve("/services")).statusCode()).isEqualTo(200);
  }

  @Test
  void adminApiOnTheProxyIsGuardedByTheKey() throws Exception {
    try (EmbeddedGateway guarded = EmbeddedGateway.builder().proxyListener("127.0.0.1", 0)
        .adminListener("127.0.0.1", 0).adminApiOnProxy("k-123").ioThreads(1).start()) {
      URI proxy = guarded.proxyUri();
      assertThat(get(proxy.resolve("/admin-api/services")).statusCode()).isEqualTo(401);
      HttpResponse<String> ok = get(proxy.resolve("/admin-api/services"), "apikey", "k-123");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).contains("admin-api-service",
          "\"port\":" + guarded.adminAddresses().get(0).getPort());
    }
  }

  @Test
  void declarativeConfigCanSeedTheStore() throws Exception {
    String yaml = "_format_version: \"3.0\"\nservices:\n  - name: seeded\n    url: " + first.url()
        + "\n    routes:\n      - name: seeded-route\n        paths: [\"/seeded\"]\n";
    try (EmbeddedGateway seeded = EmbeddedGateway.builder().proxyListener("127.0.0.1", 0).initialConfig(yaml)
        .ioThreads(1).start()) {
      assertThat(get(seeded.proxyUri().resolve("/seeded/a")).statusCode()).isEqualTo(200);
      assertThat(seeded.entities().get("services", "seeded")).isNotNull();
      assertThat(seeded.configOrigin()).isEqualTo(EmbeddedGateway.ConfigOrigin.INITIAL_CONFIG);
    }
  }
}
