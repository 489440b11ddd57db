package dev.llmgateway.examples.budget;

import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.Verdict;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One configured {@code request-budget}. The count is checked on the IO thread (no blocking); the optional
 * approval call is asynchronous ({@code Verdict.later}), bounded by its own timeout and, should that ever fail,
 * by the gateway's access time limit. Each instance logs its use on a thread of its own, stopped in
 * {@link #retire()} when a configuration change replaces the instance.
 */
final class RequestBudgetPlugin implements Plugin {
  private static final System.Logger LOG = System.getLogger(RequestBudgetPlugin.class.getName());
  private static final HttpClient HTTP = HttpClient.newHttpClient(); // shared: instances come and go

  private final RequestBudgetType.Config conf;
  private final Budget budget;
  private final long windowMillis;
  private final ScheduledExecutorService reporter;

  RequestBudgetPlugin(String id, RequestBudgetType.Config conf, Budget budget) {
    this.conf = conf;
    this.budget = budget;
    this.windowMillis = conf.window() == RequestBudgetType.Window.HOUR ? 3_600_000 : 60_000;
    this.reporter = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "request-budget-reporter");
      t.setDaemon(true);
      return t;
    });
    reporter.scheduleAtFixedRate(() -> LOG.log(System.Logger.Level.INFO,
        "request-budget " + id + ": " + budget.used() + " of " + conf.requests() + " used"),
        conf.reportSeconds(), conf.reportSeconds(), TimeUnit.SECONDS);
  }

  @Override
  public Verdict access(AccessContext ctx) {
    long now = System.currentTimeMillis();
    int left = budget.take(now - now % windowMillis, conf.requests());
    if (left < 0) {
      return Verdict.error(429, "Request budget exhausted");
    }
    ctx.responseHeaders().set(conf.headerName(), Integer.toString(left));
    String url = conf.approval().url();
    if (url == null) {
      return Verdict.proceed();
    }
    HttpRequest ask = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofMillis(conf.approval().timeoutMs())).GET().build();
    return Verdict.later(HTTP.sendAsync(ask, HttpResponse.BodyHandlers.discarding())
        .handle((response, error) -> error == null && response.statusCode() / 100 == 2 ? Verdict.proceed()
            : Verdict.error(403, "Request not approved")));
  }

  /** The instance was replaced: its reporter stops (the budget itself lives on in the gateway's state). */
  @Override
  public void retire() {
    reporter.shutdownNow();
  }
}
