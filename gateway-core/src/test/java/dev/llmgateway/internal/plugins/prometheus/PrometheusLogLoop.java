package dev.llmgateway.internal.plugins.prometheus;

import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import dev.llmgateway.internal.pipeline.PluginStates;
import dev.llmgateway.internal.plugins.testing.TestGateway;
import dev.llmgateway.internal.plugins.testing.TestLogContext;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;

/**
 * Not a test: a warm loop timing the prometheus plugin's log phase with every metric on, per consumer, into
 * Micrometer's Prometheus registry, without the proxy around it: a plain proxied request (what
 * {@code scripts/observability-overhead.sh} sends) and one with LLM figures. Prints the median ns per request of
 * each; with an argument N, N threads record into the same series at once (as the gateway's IO threads do). The
 * Prometheus registry is not on gateway-core's test classpath, so it runs with the launcher's jar:
 * {@code java -cp gateway-core/target/classes:gateway-core/target/test-classes:gateway-launcher/target/gateway.jar
 * dev.llmgateway.internal.plugins.prometheus.PrometheusLogLoop} (see docs/benchmarks.md).
 */
public final class PrometheusLogLoop {
  private PrometheusLogLoop() {}

  public static void main(String[] args) throws ReflectiveOperationException, InterruptedException {
    TestGateway gw = new TestGateway();
    gw.service("vllm-service", "http://127.0.0.1:18080");
    gw.route("vllm-route", "/v1/vllm", "vllm-service");
    gw.consumer("alice");
    var snapshot = gw.snapshot();
    Route route = snapshot.route(gw.id(Route.TYPE, "vllm-route"));
    Service service = snapshot.service(gw.id(Service.TYPE, "vllm-service"));
    Consumer alice = snapshot.consumer("alice");
    KongMeters meters = KongMeters.of(new PluginStates(prometheusRegistry()));
    PrometheusPlugin plugin = new PrometheusPlugin(new PrometheusConfig(true, true, true, true, true, true, false),
        meters);
    TestLogContext plain = context(route, service, null, null);
    TestLogContext llm = context(route, service, alice, new LlmFigures("openai", "bench-model", "bench-model", 120, 32,
        152, 40, 12.5, true, false));
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    Thread[] others = new Thread[threads - 1];
    for (int t = 0; t < others.length; t++) { // the gateway's IO threads record into the same series at once
      others[t] = new Thread(() -> time(plugin, plain, llm, false), "loop-" + t);
      others[t].start();
    }
    time(plugin, plain, llm, true);
    for (Thread t : others) {
      t.join();
    }
  }

  private static void time(PrometheusPlugin plugin, TestLogContext plain, TestLogContext llm, boolean print) {
    int perBatch = 10_000;
    long[] plainNs = new long[200];
    long[] llmNs = new long[200];
    for (int round = 0; round < 3; round++) {
      for (int b = 0; b < plainNs.length; b++) {
        long t = System.nanoTime();
        for (int i = 0; i < perBatch; i++) {
          plugin.log(plain);
        }
        plainNs[b] = System.nanoTime() - t;
        t = System.nanoTime();
        for (int i = 0; i < perBatch; i++) {
          plugin.log(llm);
        }
        llmNs[b] = System.nanoTime() - t;
      }
    }
    Arrays.sort(plainNs);
    Arrays.sort(llmNs);
    if (print) {
      System.out.printf("prometheus log phase, every metric on, median of %d batches of %d on %s: plain request "
          + "%.0f ns, LLM request %.0f ns%n", plainNs.length, perBatch, Thread.currentThread().getName(),
          plainNs[plainNs.length / 2] / (double) perBatch, llmNs[llmNs.length / 2] / (double) perBatch);
    }
  }

  /**
   * The launcher's registry, by name: gateway-core itself depends on micrometer-core only. With
   * {@code -Dclock=ticking} its clock's wall time is a field, as the launcher's {@code TickingClock} gives it.
   */
  private static MeterRegistry prometheusRegistry() throws ReflectiveOperationException {
    Class<?> config = Class.forName("io.micrometer.prometheusmetrics.PrometheusConfig");
    Class<?> prometheus = Class.forName("io.prometheus.metrics.model.registry.PrometheusRegistry");
    Clock clock = Clock.SYSTEM;
    if ("ticking".equals(System.getProperty("clock"))) {
      long now = System.currentTimeMillis();
      clock = new Clock() {
        @Override
        public long wallTime() {
          return now;
        }

        @Override
        public long monotonicTime() {
          return System.nanoTime();
        }
      };
    }
    return (MeterRegistry) Class.forName("io.micrometer.prometheusmetrics.PrometheusMeterRegistry")
        .getConstructor(config, prometheus, Clock.class)
        .newInstance(config.getField("DEFAULT").get(null), prometheus.getConstructor().newInstance(), clock);
  }

  /** A plain proxied request, or with {@code figures} an LLM call. */
  private static TestLogContext context(Route route, Service service, Consumer consumer, LlmFigures figures) {
    return new TestLogContext(null, route, service, consumer, null, null, LlmFigures.KEY, figures, 200, 512, 210, 3,
        2, 1, "/v1/chat/completions");
  }
}
