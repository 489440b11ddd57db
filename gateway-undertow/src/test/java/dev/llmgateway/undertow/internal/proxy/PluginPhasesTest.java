package dev.llmgateway.undertow.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.BodyObserver;
import dev.llmgateway.plugin.LogContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.ResponseContext;
import dev.llmgateway.plugin.Verdict;
import dev.llmgateway.undertow.internal.testing.Bodies;
import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.StubHandlers;
import dev.llmgateway.undertow.internal.testing.StubRequest;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import dev.llmgateway.undertow.internal.testing.TestPlugins;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plugin SPI's phases run where and when they should, and their changes reach the right leg. */
class PluginPhasesTest {
  record Seen(String accessThread, String logThread, String consumer, int status, long observedBytes,
      String observedSha, boolean complete) {}

  static final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
  static final BlockingQueue<TestPlugins.Logged> logged = new LinkedBlockingQueue<>();
  static StubUpstream stub;
  static GatewayHarness gateway;
  static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** Authenticates, rewrites the upstream request, observes the body, and records what each phase saw. */
  static final class Everything implements Plugin {
    @Override
    public boolean blocking() {
      return true;
    }

    @Override
    public Verdict access(AccessContext ctx) {
      ctx.put(THREAD, Thread.currentThread().getName());
      ctx.authenticate(ctx.config().consumer("alice"), "cred-1");
      ctx.upstream().headers().set("X-Consumer-Username", "alice");
      ctx.upstream().headers().remove("apikey");
      ctx.upstream().removeQueryParam("apikey");
      ctx.responseHeaders().set("X-Plugin", "access");
      return Verdict.later(CompletableFuture.supplyAsync(Verdict::proceed,
          CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS)));
    }

    @Override
    public void responseHeaders(ResponseContext ctx) {
      ctx.responseHeaders().set("X-Upstream-Status-Seen", Integer.toString(ctx.status()));
    }

    @Override
    public BodyObserver observeBody(ResponseContext ctx) {
      MessageDigest sha = Bodies.sha256();
      long[] bytes = new long[1];
      return new BodyObserver() {
        @Override
        public void onChunk(ByteBuffer chunk) {
          bytes[0] += chunk.remaining();
          sha.update(chunk);
        }

        @Override
        public void onEnd(boolean complete) {
          ctx.put(OBSERVED, new Object[] {bytes[0], Bodies.hex(sha.digest()), complete});
        }
      };
    }

    @Override
    public void log(LogContext ctx) {
      Object[] observed = ctx.get(OBSERVED);
      seen.add(new Seen(ctx.get(THREAD), Thread.currentThread().getName(), ctx.consumer().username(), ctx.status(),
          (Long) observed[0], (String) observed[1], (Boolean) observed[2]));
    }
  }

  static final dev.llmgateway.plugin.RequestKey<String> THREAD =
      dev.llmgateway.plugin.RequestKey.of("thread", String.class);
  static final dev.llmgateway.plugin.RequestKey<Object[]> OBSERVED =
      dev.llmgateway.plugin.RequestKey.of("observed", Object[].class);

  @BeforeAll
  static void start() {
    stub = StubUpstream.start(StubHandlers.echo());
    TestConfig config = TestConfig.with(TestPlugins.refusing("refuse", 1250, 401, "Unauthorized"),
        TestPlugins.recordingLog("recorder", logged), TestPlugins.of("everything", 1000, new Everything()),
        TestPlugins.of("rewriter", 900, new Plugin() {
          @Override
          public int requestBodyLimit() {
            return 1024;
          }

          @Override
          public Verdict access(AccessContext ctx) {
            String body = new String(ctx.requestBody(), StandardCharsets.UTF_8);
            ctx.upstream().replaceBody(body.replace("\"stream\":true", "\"stream\":true,\"stream_options\":"
                + "{\"include_usage\":true}").getBytes(StandardCharsets.UTF_8));
            return Verdict.proceed();
          }
        }));
    config.consumer("alice");
    UUID s = config.service("llm", stub.url());
    UUID observed = config.route(s, "/observed");
    config.plugin("everything", Map.of("route", Map.of("id", observed.toString()), "config", Map.of()));
    UUID rewritten = config.route(s, "/rewritten");
    config.plugin("rewriter", Map.of("route", Map.of("id", rewritten.toString()), "config", Map.of()));
    UUID refused = config.route(s, "/refused");
    config.plugin("refuse", Map.of("route", Map.of("id", refused.toString()), "config", Map.of()));
    config.plugin("recorder", Map.of("route", Map.of("id", refused.toString()), "config", Map.of()));
    gateway = GatewayHarness.start(config.snapshot());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    stub.close();
  }

  @Test
  void everyPhaseRunsOnItsThreadAndItsChangesReachTheRightLeg() throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(gateway.uri("/observed/x?a=1&apikey=s3cret&b=%20"))
        .header("apikey", "s3cret").timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-Plugin")).hasValue("access");
    assertThat(r.headers().firstValue("X-Upstream-Status-Seen")).hasValue("200");
    StubRequest up = stub.takeRequest(Duration.ofSeconds(10));
    assertThat(up.target()).isEqualTo("/x?a=1&b=%20");
    assertThat(up.header("apikey")).isNull();
    assertThat(up.header("X-Consumer-Username")).isEqualTo("alice");

    Seen s = seen.poll(10, TimeUnit.SECONDS);
    assertThat(s.accessThread()).doesNotContain("I/O");
    assertThat(s.logThread()).doesNotContain("I/O");
    assertThat(s.consumer()).isEqualTo("alice");
    assertThat(s.status()).isEqualTo(200);
    assertThat(s.complete()).isTrue();
    assertThat(s.observedBytes()).isEqualTo(r.body().getBytes(StandardCharsets.UTF_8).length);
    assertThat(s.observedSha()).isEqualTo(Bodies.sha256(r.body().getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aPluginThatBuffersTheBodyMayReplaceIt() throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(gateway.uri("/rewritten/v1/chat/completions"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true}")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    StubRequest up = stub.takeRequest(Duration.ofSeconds(10));
    assertThat(up.bodyText()).isEqualTo("{\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
    assertThat(Json.parseObject(r.body())).containsEntry("body_length", (long) up.body().length);
  }

  @Test
  void aRequestAPluginRefusedStillReachesTheLogPhaseOfLaterPlugins() throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(gateway.uri("/refused/x"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
    TestPlugins.Logged log = logged.poll(10, TimeUnit.SECONDS);
    assertThat(log).isNotNull();
    assertThat(log.status()).isEqualTo(401);
    assertThat(log.upstreamMillis()).isEqualTo(-1);
  }
}
