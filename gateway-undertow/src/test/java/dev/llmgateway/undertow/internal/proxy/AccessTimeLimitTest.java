package dev.llmgateway.undertow.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.Verdict;
import dev.llmgateway.undertow.internal.UndertowGatewayBuilder;
import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.RawHttpConnection;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import dev.llmgateway.undertow.internal.testing.TestPlugins;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The access phase's time limit, end to end: a {@code Verdict.later} stage that never completes and a blocking
 * plugin that hangs both get the request answered within the bound; a client that leaves meanwhile ends the
 * request at once (499 in the log phase) and the stage's late verdict goes nowhere; drain is not held up.
 */
class AccessTimeLimitTest {
  private static final Duration BOUND = Duration.ofMillis(300);
  /**
   * The most any answer here may take: far below the 60 s default, so only the configured bound can explain an
   * answer, yet generous for a loaded build machine.
   */
  private static final long SLACK_MILLIS = 10_000;

  private final BlockingQueue<TestPlugins.Logged> logged = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> entered = new LinkedBlockingQueue<>();
  private final BlockingQueue<CompletableFuture<Verdict>> stages = new LinkedBlockingQueue<>();
  private final CountDownLatch releaseWorker = new CountDownLatch(1);
  private StubUpstream stub;
  private GatewayHarness gateway;

  /** Routes: /later never completes its stage, /blocking hangs on the worker, /free has only the log recorder. */
  private void start(Consumer<UndertowGatewayBuilder> customize) {
    stub = StubUpstream.start(ex -> ex.respond(200, "text/plain", "upstream " + ex.request().path()));
    TestConfig config = TestConfig.with(
        TestPlugins.of("stuck-later", 900, new Plugin() {
          @Override
          public Verdict access(AccessContext ctx) {
            CompletableFuture<Verdict> never = new CompletableFuture<>();
            stages.add(never);
            entered.add(ctx.request().path());
            return Verdict.later(never);
          }
        }),
        TestPlugins.of("stuck-blocking", 900, new Plugin() {
          @Override
          public boolean blocking() {
            return true;
          }

          @Override
          public Verdict access(AccessContext ctx) {
            entered.add(ctx.request().path());
            try {
              releaseWorker.await(30, TimeUnit.SECONDS); // a hung plugin, freed when the test ends
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return Verdict.proceed();
          }
        }),
        TestPlugins.recordingLog("recorder", logged));
    UUID s = config.service("llm", stub.url());
    UUID later = config.route(s, "/later");
    UUID blocking = config.route(s, "/blocking");
    config.route(s, "/free");
    config.plugin("stuck-later", Map.of("route", Map.of("id", later.toString())));
    config.plugin("stuck-blocking", Map.of("route", Map.of("id", blocking.toString())));
    config.plugin("recorder", Map.of());
    gateway = GatewayHarness.start(config.snapshot(), customize);
  }

  @AfterEach
  void stop() {
    releaseWorker.countDown();
    if (gateway != null) {
      gateway.close();
    }
    if (stub != null) {
      stub.close();
    }
  }

  private record Answer(int status, String body, long millis, RawHttpConnection connection) {}

  private Answer get(RawHttpConnection c, String path) throws Exception {
    long start = System.nanoTime();
    c.write("GET " + path + " HTTP/1.1\r\nHost: gw\r\n\r\n");
    RawHttpConnection.Head head = c.readHead();
    String body = new String(c.readBody(head), StandardCharsets.UTF_8);
    return new Answer(head.status(), body, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), c);
  }

  @Test
  void aLaterStageThatNeverCompletesIsAnswered500WithinTheBound() throws Exception {
    start(b -> b.pluginAccessTimeout(BOUND));
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      Answer a = get(c, "/later/x");
      assertThat(a.status()).isEqualTo(500);
      assertThat(a.body()).startsWith("{\n  \"message\":\"An unexpected error occurred\",\n  \"request_id\":\"");
      assertThat(a.millis()).isBetween(BOUND.toMillis() - 20, SLACK_MILLIS);
      TestPlugins.Logged log = logged.poll(10, TimeUnit.SECONDS);
      assertThat(log.status()).isEqualTo(500);
      assertThat(log.failure()).isEqualTo("plugin access timeout");

      // The stage completes after all: its verdict is ignored, and the connection serves the next request.
      stages.take().complete(Verdict.proceed());
      Answer next = get(c, "/free/y");
      assertThat(next.status()).isEqualTo(200);
      assertThat(next.body()).isEqualTo("upstream /y");
    }
    assertThat(stub.requests()).extracting(r -> r.path()).containsExactly("/y");
  }

  @Test
  void aBlockingPluginThatHangsIsAnswered500WithinTheBound() throws Exception {
    start(b -> b.pluginAccessTimeout(BOUND));
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      Answer a = get(c, "/blocking/x");
      assertThat(a.status()).isEqualTo(500);
      assertThat(a.body()).contains("\"message\":\"An unexpected error occurred\"");
      assertThat(a.millis()).isBetween(BOUND.toMillis() - 20, SLACK_MILLIS);
      assertThat(logged.poll(10, TimeUnit.SECONDS).failure()).isEqualTo("plugin access timeout");
    }
    assertThat(stub.requests()).isEmpty();
  }

  @Test
  void theStatusCanBeConfigured() throws Exception {
    start(b -> b.pluginAccessTimeout(BOUND).pluginAccessTimeoutStatus(504));
    try (RawHttpConnection c = RawHttpConnection.open(gateway.port())) {
      Answer a = get(c, "/later/x");
      assertThat(a.status()).isEqualTo(504);
      assertThat(a.body()).contains("\"message\":\"The upstream server is timing out\"");
    }
  }

  @Test
  void aClientThatLeavesDuringTheWaitEndsTheRequestAndIsLogged499() throws Exception {
    // A bound far beyond the test's waits, and one IO thread so that the late verdict is handled before the
    // next request: only the disconnect can end the first request in time.
    start(b -> b.pluginAccessTimeout(Duration.ofSeconds(30)).ioThreads(1));
    long start = System.nanoTime();
    RawHttpConnection c = RawHttpConnection.open(gateway.port());
    c.write("GET /later/x HTTP/1.1\r\nHost: gw\r\n\r\n");
    assertThat(entered.poll(10, TimeUnit.SECONDS)).isEqualTo("/later/x");
    c.close();
    TestPlugins.Logged log = logged.poll(10, TimeUnit.SECONDS);
    assertThat(log).isNotNull();
    assertThat(log.status()).isEqualTo(499);
    assertThat(log.failure()).isEqualTo("client closed");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
    assertThat(gateway.gateway().inFlight()).isZero();

    stages.take().complete(Verdict.proceed()); // abandoned: the request never goes upstream
    try (RawHttpConnection next = RawHttpConnection.open(gateway.port())) {
      assertThat(get(next, "/free/y").status()).isEqualTo(200);
    }
    assertThat(stub.requests()).extracting(r -> r.path()).containsExactly("/y");
  }

  @Test
  void drainIsNotHeldUpBeyondTheBound() throws Exception {
    start(b -> b.pluginAccessTimeout(BOUND));
    List<RawHttpConnection> clients = List.of(RawHttpConnection.open(gateway.port()),
        RawHttpConnection.open(gateway.port()));
    clients.get(0).write("GET /later/x HTTP/1.1\r\nHost: gw\r\n\r\n");
    clients.get(1).write("GET /blocking/x HTTP/1.1\r\nHost: gw\r\n\r\n");
    assertThat(List.of(entered.poll(10, TimeUnit.SECONDS), entered.poll(10, TimeUnit.SECONDS)))
        .containsExactlyInAnyOrder("/later/x", "/blocking/x");
    long start = System.nanoTime();
    gateway.gateway().beginDrain();
    assertThat(gateway.gateway().awaitDrained(Duration.ofSeconds(20))).isTrue();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(SLACK_MILLIS);
    for (RawHttpConnection c : clients) {
      RawHttpConnection.Head head = c.readHead();
      assertThat(head.status()).isEqualTo(500);
      assertThat(head.header("Connection")).isEqualToIgnoringCase("close");
      c.close();
    }
  }
}
