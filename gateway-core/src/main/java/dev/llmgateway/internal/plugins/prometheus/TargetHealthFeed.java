package dev.llmgateway.internal.plugins.prometheus;

import dev.llmgateway.internal.balancer.Balancer;
import dev.llmgateway.internal.balancer.UpstreamHealth;
import dev.llmgateway.internal.config.ConfigSnapshot;
import dev.llmgateway.internal.config.LiveConfig;
import dev.llmgateway.entity.Upstream;
import dev.llmgateway.plugin.RuntimeState;
import dev.llmgateway.schema.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Copies the balancer's target health into what {@code kong_upstream_target_health} shows, once a second and
 * only when something changed, on its own thread: the request path never sees it. Started by the server.
 */
public final class TargetHealthFeed implements AutoCloseable {
  private final LiveConfig config;
  private final Balancer balancer;
  private final TargetHealthBoard board;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "target-health-feed");
    t.setDaemon(true);
    return t;
  });
  private List<TargetHealth> last = List.of();

  public TargetHealthFeed(LiveConfig config, Balancer balancer, RuntimeState state) {
    this.config = config;
    this.balancer = balancer;
    this.board = TargetHealthBoard.of(state);
  }

  /** Publishes once a second from now until {@link #close()}. */
  public TargetHealthFeed start() {
    timer.scheduleWithFixedDelay(this::publishSafely, 1, 1, TimeUnit.SECONDS);
    return this;
  }

  private void publishSafely() {
    try {
      publish();
    } catch (RuntimeException e) {
      System.getLogger(TargetHealthFeed.class.getName()).log(System.Logger.Level.WARNING,
          "target health not published: " + e);
    }
  }

  void publish() {
    ConfigSnapshot snapshot = config.current();
    List<TargetHealth> rows = new ArrayList<>();
    for (Row row : snapshot.configuration().rows(Upstream.TYPE)) {
      String name = Upstream.of(row).name();
      UpstreamHealth health = balancer.health(snapshot, name);
      if (health == null) {
        continue;
      }
      for (UpstreamHealth.TargetHealth t : health.targets()) {
        rows.add(new TargetHealth(name, t.target(), t.target(), TargetHealth.State.valueOf(t.health())));
      }
    }
    if (!rows.equals(last)) {
      last = List.copyOf(rows);
      board.publish(last);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
