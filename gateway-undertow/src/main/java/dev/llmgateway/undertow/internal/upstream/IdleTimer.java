package dev.llmgateway.undertow.internal.upstream;

import java.util.concurrent.TimeUnit;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/**
 * An idle deadline on one IO thread: fires when nothing happened for the timeout, never after a total duration. A
 * touch only records the time; at most one task is scheduled, and it re-arms itself for the remaining time, so a
 * busy stream costs one clock read per chunk rather than a reschedule. Single-threaded: the owner's IO thread.
 */
public final class IdleTimer implements Runnable {
  private final XnioIoThread thread;
  private final Runnable onTimeout;
  private long timeoutNanos;
  private long lastActivity;
  private boolean armed;
  private XnioExecutor.Key key;

  public IdleTimer(XnioIoThread thread, Runnable onTimeout) {
    this.thread = thread;
    this.onTimeout = onTimeout;
  }

  /** Starts (or restarts) the idle clock with {@code timeoutMillis}; a no-op for a non-positive timeout. */
  public void start(long timeoutMillis) {
    if (timeoutMillis <= 0) {
      return;
    }
    timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    lastActivity = System.nanoTime();
    armed = true;
    if (key == null) {
      schedule(timeoutNanos);
    }
  }

  /** Records activity: the deadline moves to now plus the timeout. */
  public void touch() {
    lastActivity = System.nanoTime();
  }

  /** Stops the clock; a scheduled task finds it disarmed and does nothing. */
  public void stop() {
    armed = false;
  }

  /** Stops the clock and removes the scheduled task. */
  public void cancel() {
    armed = false;
    if (key != null) {
      key.remove();
      key = null;
    }
  }

  public boolean isArmed() {
    return armed;
  }

  @Override
  public void run() {
    key = null;
    if (!armed) {
      return;
    }
    long idle = System.nanoTime() - lastActivity;
    if (idle >= timeoutNanos) {
      armed = false;
      onTimeout.run();
    } else {
      schedule(timeoutNanos - idle);
    }
  }

  private void schedule(long nanos) {
    key = thread.executeAfter(this, Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos) + 1), TimeUnit.MILLISECONDS);
  }
}
