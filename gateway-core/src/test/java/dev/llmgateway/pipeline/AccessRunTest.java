package dev.llmgateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.config.ConfigSnapshot;
import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.Verdict;
import dev.llmgateway.plugins.testing.TestExchange;
import dev.llmgateway.plugins.testing.TestRequest;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The access phase over real executors: one IO-like request thread, one worker, another thread for later. */
class AccessRunTest {
  private final ExecutorService io = Executors.newSingleThreadExecutor(r -> new Thread(r, "io"));
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "worker"));
  private final ExecutorService elsewhere = Executors.newSingleThreadExecutor(r -> new Thread(r, "elsewhere"));
  private final Queue<String> log = new ConcurrentLinkedQueue<>();
  private final CompletableFuture<Verdict> held = new CompletableFuture<>();

  @AfterEach
  void stop() {
    io.shutdownNow();
    worker.shutdownNow();
    elsewhere.shutdownNow();
  }

  /** A plugin whose behaviour its config label names; it logs {@code label@thread}. */
  private Plugin scripted(PluginSetup<Fixtures.LabelConfig> setup) {
    String label = setup.config().label();
    return new Plugin() {
      @Override
      public boolean blocking() {
        return label.startsWith("blocking");
      }

      @Override
      public Verdict access(AccessContext ctx) {
        log.add(label + "@" + Thread.currentThread().getName());
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
    };
  }

  private Fixtures.TestType type(String name, int priority, boolean consumerScope) {
    return new Fixtures.TestType(name, priority, consumerScope, this::scripted);
  }

  /** Runs the access phase of the route on the io thread; answers how it ended and on which thread. */
  private String run(ConfigSnapshot snapshot, UUID routeId, List<Object> ran) throws Exception {
    CompletableFuture<String> outcome = new CompletableFuture<>();
    TestExchange ctx = new TestExchange(TestRequest.get("/r"), snapshot, snapshot.route(routeId));
    AccessRun.Host host = new AccessRun.Host() {
      @Override
      public void proceed() {
        outcome.complete("proceed@" + Thread.currentThread().getName());
      }

      @Override
      public void respond(Verdict verdict) {
        outcome.complete("respond " + verdict.status() + " " + verdict.message() + "@"
            + Thread.currentThread().getName());
      }

      @Override
      public void fail(Throwable error) {
        outcome.complete("fail " + error.getMessage() + "@" + Thread.currentThread().getName());
      }

      @Override
      public java.util.concurrent.Executor worker() {
        return worker;
      }

      @Override
      public java.util.concurrent.Executor requestThread() {
        return io;
      }
    };
    AccessRun access = new AccessRun(snapshot.plan(ctx.route()), ctx, host);
    io.execute(access::start);
    String result = outcome.get(10, TimeUnit.SECONDS);
    CompletableFuture.runAsync(() -> ran.addAll(access.plugins()), io).get(10, TimeUnit.SECONDS);
    ran.add(ctx.consumer() == null ? "no consumer" : ctx.consumer().username() + "/" + ctx.credentialId());
    return result;
  }

  @Test
  void consumerScopedInstanceIsPickedAfterTheAuthPluginRan() throws Exception {
    Fixtures.Config c = new Fixtures.Config(PluginRegistry.of(type("fake-auth", 1250, false),
        type("limit", 910, true)));
    UUID route = c.route(null, "/r");
    UUID alice = c.consumer("alice");
    c.plugin("fake-auth", "auth:alice", route, null, null);
    c.plugin("limit", "limit-global", null, null, null);
    c.plugin("limit", "limit-alice", null, null, alice);
    List<Object> ran = new java.util.ArrayList<>();
    assertThat(run(c.snapshot(new PluginStates()), route, ran)).isEqualTo("proceed@io");
    assertThat(log).containsExactly("auth:alice@io", "limit-alice@io");
    assertThat(ran).hasSize(3).last().isEqualTo("alice/cred-1");
  }

  @Test
  void withoutAuthenticationTheGeneralInstanceRuns() throws Exception {
    Fixtures.Config c = new Fixtures.Config(PluginRegistry.of(type("fake-auth", 1250, false),
        type("limit", 910, true)));
    UUID route = c.route(null, "/r");
    UUID alice = c.consumer("alice");
    c.plugin("fake-auth", "anonymous", route, null, null);
    c.plugin("limit", "limit-global", null, null, null);
    c.plugin("limit", "limit-alice", null, null, alice);
    List<Object> ran = new java.util.ArrayList<>();
    assertThat(run(c.snapshot(new PluginStates()), route, ran)).isEqualTo("proceed@io");
    assertThat(log).containsExactly("anonymous@io", "limit-global@io");
    assertThat(ran).last().isEqualTo("no consumer");
  }

  @Test
  void laterVerdictsResumeOnTheRequestThread() throws Exception {
    Fixtures.Config c = new Fixtures.Config(PluginRegistry.of(type("first", 20, true), type("second", 10, true)));
    UUID route = c.route(null, "/r");
    c.plugin("first", "later-proceed", null, null, null);
    c.plugin("second", "after", null, null, null);
    assertThat(run(c.snapshot(new PluginStates()), route, new java.util.ArrayList<>())).isEqualTo("proceed@io");
    assertThat(log).containsExactly("later-proceed@io", "after@io");
  }

  @Test
  void aLaterAnswerStopsThePhase() throws Exception {
    Fixtures.Config c = new Fixtures.Config(PluginRegistry.of(type("first", 20, true), type("second", 10, true)));
    UUID route = c.route(null, "/r");
    c.plugin("first", "later-429", null, null, null);
    c.plugin("second", "never", null, null, null);
    List<Object> ran = new java.util.ArrayList<>();
    assertThat(run(c.snapshot(new PluginStates()), route, ran)).isEqualTo("respond 429 API rate limit exceeded@io");
    assertThat(log).containsExactly("later-429@io");
    assertThat(ran).hasSize(2);
  }

  @Test
  void blockingPluginsRunOnTheWorkerAndTheRestOnTheRequestThread() throws Exception {
    Fixtures.Config c = new Fixtures.Config(PluginRegistry.of(type("first", 20, true), type("second", 10, true)));
    UUID route = c.route(null, "/r");
    c.plugin("first", "blocking", null, null, null);
    c.plugin("second", "deny", null, null, null);
    assertThat(run(c.snapshot(new PluginStates()), route, new java.util.ArrayList<>())).isEqualTo("respond 403 nope@io");
    assertThat(log).containsExactly("blocking@worker", "deny@io");
  }

  @Test
  void aThrowingPluginFailsTheRequest() throws Exception {
    for (String failing : List.of("throw", "blocking-throw", "later-boom")) {
      log.clear();
      Fixtures.Config c = new Fixtures.Config(PluginRegistry.of(type("first", 20, true), type("second", 10, true)));
      UUID route = c.route(null, "/r");
      c.plugin("first", failing, null, null, null);
      c.plugin("second", "never", null, null, null);
      String expected = failing.equals("later-boom") ? "later boom" : failing;
      assertThat(run(c.snapshot(new PluginStates()), route, new java.util.ArrayList<>()))
          .isEqualTo("fail " + expected + "@io");
      assertThat(log).hasSize(1).noneMatch(s -> s.startsWith("never"));
    }
  }

  @Test
  void anEmptyPlanProceedsAtOnce() throws Exception {
    Fixtures.Config c = new Fixtures.Config(PluginRegistry.of());
    UUID route = c.route(null, "/r");
    List<Object> ran = new java.util.ArrayList<>();
    assertThat(run(c.snapshot(new PluginStates()), route, ran)).isEqualTo("proceed@io");
    assertThat(ran).containsExactly("no consumer");
  }

  @Test
  void anAbandonedRunIgnoresWhatThePluginReturnsLate() throws Exception {
    Fixtures.Config c = new Fixtures.Config(PluginRegistry.of(type("first", 20, true), type("second", 10, true)));
    UUID route = c.route(null, "/r");
    c.plugin("first", "later-held", null, null, null);
    c.plugin("second", "after", null, null, null);
    ConfigSnapshot snapshot = c.snapshot(new PluginStates());
    TestExchange ctx = new TestExchange(TestRequest.get("/r"), snapshot, snapshot.route(route));
    Queue<String> host = new ConcurrentLinkedQueue<>();
    AccessRun[] run = new AccessRun[1];
    run[0] = new AccessRun(snapshot.plan(ctx.route()), ctx, new AccessRun.Host() {
      @Override
      public void proceed() {
        host.add("proceed");
      }

      @Override
      public void respond(Verdict verdict) {
        host.add("respond");
      }

      @Override
      public void fail(Throwable error) {
        host.add("fail");
      }

      @Override
      public java.util.concurrent.Executor worker() {
        return worker;
      }

      @Override
      public java.util.concurrent.Executor requestThread() {
        return io;
      }

      @Override
      public void paused() {
        host.add("paused on " + run[0].current());
        run[0].abandon(); // as the server does when its time limit passes or the client leaves
      }
    });
    CompletableFuture.runAsync(run[0]::start, io).get(10, TimeUnit.SECONDS);
    held.complete(Verdict.proceed());
    CompletableFuture.runAsync(() -> { }, io).get(10, TimeUnit.SECONDS); // the late verdict's turn has passed
    assertThat(host).containsExactly("paused on first");
    assertThat(log).containsExactly("later-held@io");
  }
}
