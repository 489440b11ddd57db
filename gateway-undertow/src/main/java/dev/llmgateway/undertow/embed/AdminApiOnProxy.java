package dev.llmgateway.undertow.embed;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.internal.defaults.AdminApiStack;
import dev.llmgateway.internal.defaults.StackSettings;
import dev.llmgateway.internal.store.ConfigWriter;
import dev.llmgateway.internal.store.EntityWrites;
import dev.llmgateway.internal.store.Mutation;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * Puts the {@code /admin-api} route and its guards back as the default stack defines them, pointing at the real
 * admin listener with the configured key: once per start (before the proxy serves when the admin port is known,
 * else right after binding), and in every {@code POST /config} that does not define them itself. A configuration
 * that is already right is not rewritten.
 */
final class AdminApiOnProxy {
  private final ConfigWriter writer;
  private final String adminKey;

  AdminApiOnProxy(ConfigWriter writer, String adminKey) {
    this.writer = writer;
    this.adminKey = adminKey;
  }

  private StackSettings settings(String adminHost, int adminPort) {
    return new StackSettings(StackSettings.DEFAULT_VLLM_URL, StackSettings.DEFAULT_SGLANG_URL, adminHost,
        adminPort, adminKey);
  }

  /** The {@code POST /config} hook: a loaded configuration gets the stack back unless it defines it itself. */
  UnaryOperator<Configuration> onConfigLoad(String adminHost, int adminPort) {
    StackSettings settings = settings(adminHost, adminPort);
    return loaded -> AdminApiStack.afterConfigLoad(loaded, settings, System.currentTimeMillis() / 1000);
  }

  void reassert(String adminHost, int adminPort) throws IOException {
    StackSettings settings = settings(adminHost, adminPort);
    Mutation<Configuration> mutation = cfg -> {
      Configuration next = AdminApiStack.reassert(cfg, settings, System.currentTimeMillis() / 1000);
      return next.equals(cfg) ? Mutation.Outcome.unchanged(cfg, cfg) : EntityWrites.replaceAll(cfg, next);
    };
    try {
      writer.submit(mutation).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IOException("could not set up the /admin-api route: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("could not set up the /admin-api route: the store did not answer in 30 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while setting up the /admin-api route", e);
    }
  }
}
