package dev.llmgateway.undertow.internal.balancer;

import com.sun.net.httpserver.HttpServer;
import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The replica benchmark of issue 13 (not part of {@code mvn verify}; its name does not end in Test): four stub
 * engine replicas, each with a fixed number of batch slots and a queue in front of them (time to first token =
 * queue wait + prefill, so it grows with queue depth), streaming a mixed number of tokens; one replica three times
 * slower. 256 concurrent client streams go through a real gateway; for each algorithm the same number of
 * requests. Prints p50/p99 time to first body byte and each replica's share of requests, plus the baseline: four
 * equal replicas under round-robin. Run: {@code scripts/replica-bench} (or {@code -Dtest=ReplicaBench}).
 */
class ReplicaBench {
  static final int SLOTS = Integer.getInteger("bench.slots", 16);
  static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 256);
  static final int REQUESTS = Integer.getInteger("bench.requests", 2048);
  static final int PREFILL_MS = Integer.getInteger("bench.prefillMs", 20);
  static final int TOKEN_MS = Integer.getInteger("bench.tokenMs", 4);

  /** A model engine: headers at once (as vLLM sends them), then a slot, prefill, and tokens. */
  static final class Engine implements AutoCloseable {
    final HttpServer server;
    final Semaphore slots = new Semaphore(SLOTS, true);
    final AtomicInteger waiting = new AtomicInteger();
    final AtomicInteger running = new AtomicInteger();
    final AtomicLong served = new AtomicLong();
    final int slow;

    Engine(int slow) throws IOException {
      this.slow = slow;
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
      server.setExecutor(Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "engine");
        t.setDaemon(true);
        return t;
      }));
      server.createContext("/metrics", ex -> {
        byte[] body = ("vllm:num_requests_running{model_name=\"m\"} " + running.get() + "\n"
            + "vllm:num_requests_waiting{model_name=\"m\"} " + waiting.get() + "\n"
            + "vllm:kv_cache_usage_perc{model_name=\"m\"} " + (running.get() / (double) SLOTS * 0.5) + "\n")
            .getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
      });
      server.createContext("/health", ex -> {
        ex.sendResponseHeaders(200, -1);
        ex.close();
      });
      server.createContext("/chat", ex -> {
        ex.getRequestBody().readAllBytes();
        int tokens = Integer.parseInt(ex.getRequestURI().getQuery().substring("tokens=".length()));
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        waiting.incrementAndGet();
        try {
          slots.acquire();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          ex.close();
          return;
        } finally {
          waiting.decrementAndGet();
        }
        running.incrementAndGet();
        try {
          Thread.sleep((long) PREFILL_MS * slow);
          for (int i = 0; i < tokens; i++) {
            out.write(("data: {\"t\":" + i + "}\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep((long) TOKEN_MS * slow);
          }
          out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
          served.incrementAndGet();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          running.decrementAndGet();
          slots.release();
          ex.close();
        }
      });
      server.start();
    }

    int port() {
      return server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  record Result(String name, long p50, long p99, List<Long> served, double seconds) {
    String line() {
      long total = served.stream().mapToLong(Long::longValue).sum();
      StringBuilder shares = new StringBuilder();
      for (long s : served) {
        shares.append(String.format("%5.1f%% ", 100.0 * s / total));
      }
      return String.format("%-32s p50 %6d ms  p99 %6d ms  shares %s (last = slow)  %.1f s", name, p50, p99, shares,
          seconds);
    }
  }

  static Result run(String name, String algorithm, int[] slowness) throws Exception {
    List<Engine> engines = new ArrayList<>();
    try {
      TestConfig config = TestConfig.with();
      UUID pool = config.upstream("llm-pool", Map.of("algorithm", algorithm));
      for (int s : slowness) {
        Engine e = new Engine(s);
        engines.add(e);
        config.target(pool, "127.0.0.1:" + e.port(), 100);
      }
      UUID service = config.service(Map.of("name", "llm", "url", "http://llm-pool", "read_timeout", 600_000));
      config.route(service, "/v1");
      try (GatewayHarness gateway = GatewayHarness.start(config.snapshot())) {
        Thread.sleep(1500); // least-load reads /metrics once before the load starts
        long[] ttfb = load(gateway);
        Arrays.sort(ttfb);
        List<Long> served = engines.stream().map(e -> e.served.get()).toList();
        return new Result(name, ttfb[ttfb.length / 2] / 1_000_000, ttfb[(int) (ttfb.length * 0.99)] / 1_000_000,
            served, lastSeconds);
      }
    } finally {
      engines.forEach(Engine::close);
    }
  }

  static double lastSeconds;

  /** {@link #CONCURRENCY} client streams until {@link #REQUESTS} are done; the time to first body byte of each. */
  static long[] load(GatewayHarness gateway) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    long[] ttfb = new long[REQUESTS];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY);
    long start = System.nanoTime();
    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
    for (int c = 0; c < CONCURRENCY; c++) {
      done.add(clients.submit(() -> {
        int i;
        while ((i = next.getAndIncrement()) < REQUESTS) {
          int tokens = 8 + ThreadLocalRandom.current().nextInt(57); // mixed lengths: 8 to 64 tokens
          try {
            long t0 = System.nanoTime();
            HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(gateway.uri("/v1/chat?tokens=" + tokens))
                .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true}")).timeout(Duration.ofMinutes(5))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
              if (r.statusCode() != 200 || in.read() < 0) {
                if (failed.incrementAndGet() == 1) {
                  System.out.println("  first failure: status " + r.statusCode());
                }
              }
              ttfb[i] = System.nanoTime() - t0;
              in.readAllBytes();
            }
          } catch (IOException | InterruptedException e) {
            failed.incrementAndGet();
          }
        }
        return null;
      }));
    }
    for (java.util.concurrent.Future<?> f : done) {
      f.get();
    }
    lastSeconds = (System.nanoTime() - start) / 1e9;
    clients.shutdown();
    if (failed.get() > 0) {
      System.out.println("  (" + failed.get() + " requests failed)");
    }
    return ttfb;
  }

  @Test
  void run() throws Exception {
    main(new String[0]);
  }

  public static void main(String[] args) throws Exception {
    System.out.printf("%d replicas x %d batch slots, %d concurrent streams, %d requests per run, prefill %d ms, "
        + "%d ms/token, 8-64 tokens; slow replica 3x%n", 4, SLOTS, CONCURRENCY, REQUESTS, PREFILL_MS, TOKEN_MS);
    System.out.println(run("warm-up (discarded)", "least-load", new int[] {1, 1, 1, 3}).line());
    List<Result> results = new ArrayList<>();
    results.add(run("baseline: 4 equal, round-robin", "round-robin", new int[] {1, 1, 1, 1}));
    System.out.println(results.get(0).line());
    for (String algorithm : List.of("round-robin", "least-connections", "least-load")) {
      Result r = run("1 slow, " + algorithm, algorithm, new int[] {1, 1, 1, 3});
      results.add(r);
      System.out.println(r.line());
    }
    Result base = results.get(0);
    Result load = results.get(3);
    long total = load.served().stream().mapToLong(Long::longValue).sum();
    System.out.printf("least-load: slow replica %.1f%% of requests (bound 15%%), p99 TTFB %.2fx baseline (bound 1.2x)%n",
        100.0 * load.served().get(3) / total, (double) load.p99() / base.p99());
  }
}
