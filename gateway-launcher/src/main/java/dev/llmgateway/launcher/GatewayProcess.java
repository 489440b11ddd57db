package dev.llmgateway.launcher;

import dev.llmgateway.cluster.internal.redis.RedisClients;
import dev.llmgateway.internal.defaults.AdminKey;
import dev.llmgateway.launcher.listen.Ipv6Wildcard;
import dev.llmgateway.undertow.embed.EmbeddedGateway;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of {@code start}: checks, starts the gateway, prints where it listens, then waits until a signal has
 * drained and stopped it. Returns the process exit status: 0 after a drain, 1 when something fails at start.
 */
final class GatewayProcess {
  private final StartSettings settings;
  private final EnvVariables env;
  private final PrintWriter out;
  private final PrintWriter err;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();
  private RedisClients redis;
  private TickingClock metricsClock;

  GatewayProcess(StartSettings settings, EnvVariables env, PrintWriter out, PrintWriter err) {
    this.settings = settings;
    this.env = env;
    this.out = out;
    this.err = err;
  }

  int run() {
    EmbeddedGateway gateway;
    AdminKey key;
    try {
      Preflight.Checked checked = Preflight.run(settings, Ipv6Wildcard::available);
      if (settings.cluster().isPresent() && env.adminApiKey().isEmpty()) {
        throw new SettingException("GATEWAY_ADMIN_API_KEY: with --database postgres every node must be given the"
            + " same admin key (or KONG_ADMIN_API_KEY); a generated one would differ from node to node");
      }
      key = adminKey();
      GatewayAssembly assembly = new GatewayAssembly(checked, key);
      redis = assembly.redis();
      metricsClock = assembly.metricsClock();
      gateway = assembly.start();
    } catch (SettingException e) {
      if (metricsClock != null) {
        metricsClock.close();
      }
      err.println("gateway: " + e.getMessage());
      err.flush();
      return 1;
    }
    TermSignals.install(() -> drainAndStop(gateway), () -> {
      err.println("gateway: second signal, stopping now");
      err.flush();
      stop(gateway);
    });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(gateway), "gateway-shutdown"));
    new StartBanner(settings, key).print(out, gateway);
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(gateway);
    }
    return 0;
  }

  private AdminKey adminKey() throws SettingException {
    try {
      // Absolute and normalised, so that the log and the banner name the key file unambiguously.
      return AdminKey.resolve(env.asMap(), settings.dataDir().toAbsolutePath().normalize());
    } catch (IOException e) {
      throw new SettingException("cannot keep the admin key in " + settings.dataDir() + ": " + e.getMessage(), e);
    }
  }

  private void drainAndStop(EmbeddedGateway gateway) {
    gateway.beginDrain();
    err.println("gateway: draining (up to " + DurationText.format(settings.drainTimeout()) + "), "
        + gateway.inFlight() + " request(s) in flight");
    err.flush();
    try {
      if (!gateway.awaitDrained(settings.drainTimeout())) {
        err.println("gateway: drain timeout reached with " + gateway.inFlight() + " request(s) still open");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stop(gateway);
    err.println("gateway: stopped");
    err.flush();
  }

  private void stop(EmbeddedGateway gateway) {
    if (closed.compareAndSet(false, true)) {
      try {
        gateway.close();
      } finally {
        if (redis != null) {
          redis.close();
        }
        if (metricsClock != null) {
          metricsClock.close();
        }
        stopped.countDown();
      }
    }
  }
}
