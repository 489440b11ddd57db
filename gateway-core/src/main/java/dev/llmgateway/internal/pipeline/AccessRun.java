package dev.llmgateway.internal.pipeline;

import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Runs the access phase of one request through a {@link PluginPlan}: plugins in order, each picked with the
 * consumer known so far, synchronously while they answer at once; blocking plugins hop to a worker and
 * {@link Verdict#later} verdicts wait, both coming back through {@link Host#requestThread()}. While it waits the
 * host bounds the wait and watches the client ({@link Host#paused()}); giving up is {@link #abandon()}, after
 * which nothing the plugin still returns reaches the host.
 */
public final class AccessRun {
  /** The server side of one request, as the access phase needs it. */
  public interface Host {
    /** Every plugin let the request through: call the upstream. */
    void proceed();

    /** A plugin answered the request. */
    void respond(Verdict verdict);

    /** A plugin failed; the server answers 500 and logs the cause. */
    void fail(Throwable error);

    /** Where blocking access phases run. */
    Executor worker();

    /** Runs a task back on the request's own thread (its IO thread). */
    Executor requestThread();

    /**
     * The phase now waits, on the request thread, for a blocking plugin or a later verdict: the host may start
     * its time limit and watch the client, and {@link #abandon()} the run. Called at each wait; the run then
     * ends with exactly one of {@link #proceed}, {@link #respond}, {@link #fail}, unless abandoned.
     */
    default void paused() {}
  }

  private final PluginPlan plan;
  private final AccessContext ctx;
  private final Host host;
  private final String scheme;
  private final List<Plugin> ran;
  private int next;
  private boolean abandoned;

  public AccessRun(PluginPlan plan, AccessContext ctx, Host host) {
    this.plan = Objects.requireNonNull(plan, "plan");
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.host = Objects.requireNonNull(host, "host");
    this.scheme = ctx.request().scheme();
    this.ran = plan.isEmpty() ? List.of() : new ArrayList<>(plan.size());
  }

  /** The plugins whose access phase ran, in order; the later phases run for these. */
  public List<Plugin> plugins() {
    return ran;
  }

  /**
   * How many slots of the plan the phase reached (all of them after {@link Host#proceed}); when a plugin answered,
   * the slots from here on never ran their access phase but still take part in the log phase, as in Kong.
   */
  public int slotsReached() {
    return next;
  }

  /**
   * Gives up on the phase, on the request thread: a plugin still running on the worker or a stage still
   * pending is left alone (it may be shared, so it is not cancelled), and its result is ignored.
   */
  public void abandon() {
    abandoned = true;
  }

  /** The name of the plugin type the phase reached last (the one it waits on while paused), or null. */
  public String current() {
    return next == 0 ? null : plan.type(next - 1).name();
  }

  /** Starts (or, after a pause, continues) the phase on the calling thread. */
  public void start() {
    if (abandoned) {
      return;
    }
    while (next < plan.size()) {
      int i = next++;
      Plugin plugin = plan.select(i, ctx.consumer() == null ? null : ctx.consumer().id(), scheme);
      if (plugin == null) {
        continue;
      }
      ran.add(plugin);
      if (plugin.blocking()) {
        host.paused(); // first: a direct worker may finish the phase before execute returns
        host.worker().execute(() -> {
          try {
            Verdict v = access(plugin);
            host.requestThread().execute(() -> resume(v));
          } catch (RuntimeException | Error e) {
            host.requestThread().execute(() -> {
              if (!abandoned) {
                host.fail(e);
              }
            });
          }
        });
        return;
      }
      Verdict v;
      try {
        v = access(plugin);
      } catch (RuntimeException | Error e) {
        host.fail(e);
        return;
      }
      if (v.kind() != Verdict.Kind.PROCEED) {
        resume(v);
        return;
      }
    }
    host.proceed();
  }

  private Verdict access(Plugin plugin) {
    return Objects.requireNonNull(plugin.access(ctx), "access verdict");
  }

  private void resume(Verdict v) {
    if (abandoned) {
      return;
    }
    switch (v.kind()) {
      case PROCEED -> start();
      case RESPOND -> host.respond(v);
      case LATER -> {
        host.paused(); // first: a stage already complete may resume the run at once
        waitFor(v);
      }
    }
  }

  private void waitFor(Verdict v) {
    v.later().whenComplete((next, error) -> host.requestThread().execute(() -> {
      if (abandoned) {
        return;
      }
      if (error != null) {
        host.fail(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
      } else if (next == null) {
        host.fail(new NullPointerException("access verdict"));
      } else {
        resume(next);
      }
    }));
  }
}
