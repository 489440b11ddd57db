package dev.llmgateway.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.LogContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.plugin.Verdict;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;
import dev.llmgateway.undertow.embed.PluginScope;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The access phase through a real gateway: which plugin instances run, on which thread (the gateway's IO thread,
 * its worker for blocking plugins), how {@code Verdict.later} resumes, how an answer or a failure stops the phase,
 * and what the later phases see. Moved from gateway-core's AccessRun test against the hand-written TestExchange.
 */
class AccessPhaseTest {
  private final ExecutorService elsewhere = Executors.newSingleThreadExecutor(r -> new Thread(r, "elsewhere"));
  /** {@code label@thread} of each access phase run, in order. */
  private final Queue<String> log = new ConcurrentLinkedQueue<>();
  /** {@code label consumer/credential} of each log phase run. */
  private final Queue<String> logPhase = new ConcurrentLinkedQueue<>();
  private final CompletableFuture<Verdict> held = new CompletableFuture<>();

  @RegisterExtension
  final GatewayExtension gw = GatewayExtension.withPlugins(new ScriptedType("fake-auth", 1250, false),
      new ScriptedType("limit", 910, true), new ScriptedType("first", 20, true),
      new ScriptedType("second", 10, true))
      .configure(b -> b.pluginAccessTimeout(Duration.ofMillis(300)));

  @AfterEach
  void stop() {
    elsewhere.shutdownNow();
  }

  /** The config of scripted plugins: a label naming what the plugin does. */
  record LabelConfig(String label) {}

  /** A plugin type whose instances behave as their label says and record where they ran. */
  final class ScriptedType implements PluginType<LabelConfig> {
    private final String name;
    private final int priority;
    private final boolean consumerScope;

    ScriptedType(String name, int priority, boolean consumerScope) {
      this.name = name;
      this.priority = priority;
      this.consumerScope = consumerScope;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int priority() {
      return priority;
    }

    @Override
    public boolean allowsConsumerScope() {
      return consumerScope;
    }

    @Override
    public Schema configSchema() {
      return Schema.of(name, Field.string("label").required());
    }

    @Override
    public Class<LabelConfig> configType() {
      return LabelConfig.class;
    }

    @Override
    public Plugin create(PluginSetup<LabelConfig> setup) {
      return scripted(setup.config().label());
    }
  }

  private Plugin scripted(String label) {
    return new Plugin() {
      @Override
      public boolean blocking() {
        return label.startsWith("blocking");
      }

      @Override
      public Verdict access(AccessContext ctx) {
        log.add(label + "@" + thread());
        if (label.startsWith("auth:")) {
          ctx.authenticate(ctx.config().consumer(label.substring(5)), "cred-1");
        }
        return switch (label) {
          case "later-proceed" -> Verdict.later(CompletableFuture.supplyAsync(Verdict::proceed, elsewhere));
          case "later-429" -> Verdict.later(CompletableFuture.supplyAsync(
              () -> Verdict.error(429, "API rate limit exceeded"), elsewhere));
          case "later-boom" -> Verdict.later(CompletableFuture.supplyAsync(() -> {
            throw new IllegalStateException("later boom");
          }, elsewhere));
          case "later-held" -> Verdict.later(held);
          case "throw", "blocking-throw" -> throw new IllegalStateException(label);
          case "deny" -> Verdict.error(403, "nope");
          default -> Verdict.proceed();
        };
      }

      @Override
      public void log(LogContext ctx) {
        logPhase.add(label + " " + (ctx.consumer() == null ? "no consumer"
            : ctx.consumer().username() + "/" + ctx.credentialId()));
      }
    };
  }

  /** The gateway's IO threads are XNIO's {@code I/O} threads, its worker's are {@code task} threads. */
  private static String thread() {
    String name = Thread.currentThread().getName();
    return name.contains("I/O") ? "io" : name.contains("task") ? "worker" : name;
  }

  private void plugin(String type, String label, PluginScope scope) {
    gw.entities().apply(tx -> tx.addPlugin(type, scope, java.util.Map.of("label", label)));
  }

  private static PluginScope route() {
    return PluginScope.route("route-r");
  }

  private static PluginScope consumer(String name) {
    return new PluginScope(null, null, name);
  }

  /** The log phase entries once {@code count} have arrived (they may run on the worker after the answer). */
  private List<String> logPhase(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (logPhase.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    return List.copyOf(logPhase);
  }

  private static String message(HttpResponse<String> r) {
    return (String) Json.parseObject(r.body()).get("message");
  }

  @Test
  void consumerScopedInstanceIsPickedAfterTheAuthPluginRan() throws Exception {
    gw.route("/r");
    gw.entities().apply(tx -> tx.addConsumer("alice"));
    plugin("fake-auth", "auth:alice", route());
    plugin("limit", "limit-global", PluginScope.global());
    plugin("limit", "limit-alice", consumer("alice"));
    assertThat(gw.get("/r").statusCode()).isEqualTo(200);
    assertThat(log).containsExactly("auth:alice@io", "limit-alice@io");
    assertThat(logPhase(2)).containsExactlyInAnyOrder("auth:alice alice/cred-1", "limit-alice alice/cred-1");
  }

  @Test
  void withoutAuthenticationTheGeneralInstanceRuns() throws Exception {
    gw.route("/r");
    gw.entities().apply(tx -> tx.addConsumer("alice"));
    plugin("fake-auth", "anonymous", route());
    plugin("limit", "limit-global", PluginScope.global());
    plugin("limit", "limit-alice", consumer("alice"));
    assertThat(gw.get("/r").statusCode()).isEqualTo(200);
    assertThat(log).containsExactly("anonymous@io", "limit-global@io");
    assertThat(logPhase(2)).containsExactlyInAnyOrder("anonymous no consumer", "limit-global no consumer");
  }

  @Test
  void laterVerdictsResumeOnTheRequestThread() throws Exception {
    gw.route("/r");
    plugin("first", "later-proceed", PluginScope.global());
    plugin("second", "after", PluginScope.global());
    assertThat(gw.get("/r").statusCode()).isEqualTo(200);
    assertThat(gw.upstream().count()).isOne();
    assertThat(log).containsExactly("later-proceed@io", "after@io");
  }

  @Test
  void aLaterAnswerStopsThePhase() throws Exception {
    gw.route("/r");
    plugin("first", "later-429", PluginScope.global());
    plugin("second", "never", PluginScope.global());
    HttpResponse<String> r = gw.get("/r");
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(message(r)).isEqualTo("API rate limit exceeded");
    assertThat(log).containsExactly("later-429@io");
    assertThat(gw.upstream().count()).isZero();
    // The phases after access see the plugin that answered and, as in Kong, those whose access was never reached.
    assertThat(logPhase(2)).containsExactlyInAnyOrder("later-429 no consumer", "never no consumer");
  }

  @Test
  void blockingPluginsRunOnTheWorkerAndTheRestOnTheRequestThread() throws Exception {
    gw.route("/r");
    plugin("first", "blocking", PluginScope.global());
    plugin("second", "deny", PluginScope.global());
    HttpResponse<String> r = gw.get("/r");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(message(r)).isEqualTo("nope");
    assertThat(log).containsExactly("blocking@worker", "deny@io");
  }

  @Test
  void aThrowingPluginFailsTheRequest() throws Exception {
    gw.route("/r");
    String first = null;
    String second = null;
    for (String failing : List.of("throw", "blocking-throw", "later-boom")) {
      log.clear();
      if (first != null) {
        gw.entities().delete("plugins", first);
        gw.entities().delete("plugins", second);
      }
      first = gw.entities().apply(tx -> tx.addPlugin("first", PluginScope.global(),
          java.util.Map.of("label", failing))).uuid("id").toString();
      second = gw.entities().apply(tx -> tx.addPlugin("second", PluginScope.global(),
          java.util.Map.of("label", "never"))).uuid("id").toString();
      HttpResponse<String> r = gw.get("/r");
      assertThat(r.statusCode()).as(failing).isEqualTo(500); // Kong's error page; the cause only in the log
      assertThat(r.body()).contains("An unexpected error occurred");
      assertThat(log).hasSize(1).noneMatch(s -> s.startsWith("never"));
    }
    assertThat(gw.upstream().count()).isZero();
  }

  @Test
  void anEmptyPlanProceedsAtOnce() throws Exception {
    gw.route("/r");
    assertThat(gw.get("/r").statusCode()).isEqualTo(200);
    assertThat(gw.upstream().count()).isOne();
    assertThat(log).isEmpty();
  }

  @Test
  void anAbandonedRunIgnoresWhatThePluginReturnsLate() throws Exception {
    gw.route("/r");
    plugin("first", "later-held", PluginScope.global());
    plugin("second", "after", PluginScope.global());
    HttpResponse<String> r = gw.get("/r"); // paused on first until the access time limit abandons the run
    assertThat(r.statusCode()).isEqualTo(500);
    held.complete(Verdict.proceed());
    assertThat(gw.get("/open").statusCode()).isEqualTo(404); // a later request's turn on the IO thread has passed
    assertThat(log).containsExactly("later-held@io");
    assertThat(gw.upstream().count()).isZero();
  }
}
