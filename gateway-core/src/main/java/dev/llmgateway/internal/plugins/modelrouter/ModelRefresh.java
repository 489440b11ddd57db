package dev.llmgateway.internal.plugins.modelrouter;

import dev.llmgateway.internal.json.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads each backend's own {@code GET /v1/models} on an interval, on one daemon thread of its own (never an IO
 * thread), all backends of a round at once, each bounded by the timeout; after each round the router rebuilds its
 * catalog. A failed read keeps the backend's last list until {@code staleAfter} reads in a row have failed.
 * {@link #stop} ends it for good (the plugin instance was retired).
 */
final class ModelRefresh {
  private static final System.Logger LOGGER = System.getLogger(ModelRefresh.class.getName());
  /** More names than this from one backend are ignored past the limit; a longer name is skipped. */
  static final int MAX_MODELS = 10_000;
  static final int MAX_NAME = 256;

  /** One client for every router (its selector thread is shared); created on first use. */
  private static final class Http {
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  private final List<Backend> backends;
  private final DiscoveredModels discovered;
  private final long intervalMillis;
  private final int timeoutMillis;
  private final Runnable afterRound;
  private final ScheduledExecutorService timer;
  private volatile boolean stopped;

  ModelRefresh(List<Backend> backends, DiscoveredModels discovered, long intervalMillis, int timeoutMillis,
      Runnable afterRound) {
    this.backends = List.copyOf(backends);
    this.discovered = discovered;
    this.intervalMillis = intervalMillis;
    this.timeoutMillis = timeoutMillis;
    this.afterRound = afterRound;
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
      Thread thread = new Thread(r, "ai-model-router-refresh");
      thread.setDaemon(true);
      return thread;
    });
    t.setRemoveOnCancelPolicy(true);
    this.timer = t;
  }

  void start() {
    timer.scheduleWithFixedDelay(this::round, discovered.firstDelayMillis(backends, intervalMillis), intervalMillis,
        TimeUnit.MILLISECONDS);
  }

  /** Stops the reads; a read in flight finishes but changes nothing. */
  void stop() {
    stopped = true;
    timer.shutdownNow();
  }

  boolean stopped() {
    return timer.isTerminated();
  }

  private void round() {
    discovered.lastRoundNanos = System.nanoTime();
    try {
      readAll();
    } catch (RuntimeException e) {
      // a scheduled task that throws is never run again: log it and keep the next rounds
      LOGGER.log(System.Logger.Level.WARNING, "ai-model-router: a model list refresh failed", e);
    }
  }

  private void readAll() {
    List<CompletableFuture<?>> reads = new ArrayList<>(backends.size());
    for (Backend b : backends) {
      HttpRequest request = HttpRequest.newBuilder(b.modelsUri()).timeout(Duration.ofMillis(timeoutMillis))
          .header("Accept", "application/json").GET().build();
      reads.add(Http.CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
          .handle((response, failure) -> {
            if (!stopped) {
              record(b, response, failure);
            }
            return null;
          }));
    }
    try {
      CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).get(timeoutMillis + 1000L,
          TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (ExecutionException | TimeoutException e) {
      // each read records its own outcome; a read still running is counted in the next round
    }
    if (!stopped) {
      afterRound.run();
    }
  }

  private void record(Backend b, HttpResponse<byte[]> response, Throwable failure) {
    String key = b.modelsUri().toString();
    String problem;
    List<String> models = null;
    if (failure != null) {
      problem = failure.getCause() != null ? failure.getCause().toString() : failure.toString();
    } else if (response.statusCode() != 200) {
      problem = "status " + response.statusCode();
    } else {
      models = parse(response.body());
      problem = models == null ? "not an OpenAI model list" : null;
    }
    DiscoveredModels.Entry before = discovered.byUri.get(key);
    if (models != null) {
      discovered.byUri.put(key, new DiscoveredModels.Entry(models, 0));
      if (before != null && before.failures() > 0) {
        LOGGER.log(System.Logger.Level.INFO, "ai-model-router: " + key + " answers its model list again");
      }
      return;
    }
    int failures = before == null ? 1 : (int) Math.min(Integer.MAX_VALUE, before.failures() + 1L);
    discovered.byUri.put(key, new DiscoveredModels.Entry(before == null ? List.of() : before.models(), failures));
    if (failures == 1) {
      LOGGER.log(System.Logger.Level.WARNING, "ai-model-router: cannot read the model list at " + key + ": "
          + problem);
    }
  }

  /** The ids of an OpenAI model list ({@code {"data":[{"id":...},...]}}), or null when the body is not one. */
  static List<String> parse(byte[] body) {
    Object data;
    try {
      data = Json.parseObject(new String(body, StandardCharsets.UTF_8)).get("data");
    } catch (RuntimeException e) {
      return null;
    }
    if (!(data instanceof List<?> entries)) {
      return null;
    }
    Set<String> ids = new LinkedHashSet<>();
    for (Object o : entries) {
      if (ids.size() >= MAX_MODELS) {
        break;
      }
      if (o instanceof Map<?, ?> m && m.get("id") instanceof String id && !id.isEmpty() && id.length() <= MAX_NAME) {
        ids.add(id);
      }
    }
    return List.copyOf(ids);
  }
}
