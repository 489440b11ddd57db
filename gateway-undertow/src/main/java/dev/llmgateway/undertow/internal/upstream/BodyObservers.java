package dev.llmgateway.undertow.internal.upstream;

import dev.llmgateway.plugin.BodyObserver;
import java.nio.ByteBuffer;

/**
 * The plugins watching one response body. Each read is shown to them as a read-only view of the IO thread's
 * scratch buffer, valid during the call only; an observer that throws is ignored rather than allowed to break the
 * stream it watches. With no observers the relay skips all of this.
 */
public final class BodyObservers {
  private final BodyObserver[] observers;
  /** The observer when there is just one (an LLM route's usage meter): no array to load for every chunk. */
  private final BodyObserver only;
  private boolean ended;

  /** The observers of one body; null or empty for none. */
  public BodyObservers(BodyObserver[] observers) {
    this.observers = observers == null ? new BodyObserver[0] : observers;
    this.only = this.observers.length == 1 ? this.observers[0] : null;
  }

  public boolean isEmpty() {
    return observers.length == 0;
  }

  /** Shows bytes {@code [0, limit)} of the view to every observer. */
  public void chunk(ByteBuffer view, int limit) {
    if (only != null) {
      show(only, view, limit);
      return;
    }
    for (BodyObserver o : observers) {
      show(o, view, limit);
    }
  }

  private static void show(BodyObserver o, ByteBuffer view, int limit) {
    view.limit(limit).position(0);
    try {
      o.onChunk(view);
    } catch (RuntimeException e) {
      // An observer's bug must not break the stream it watches.
    }
  }

  /** Tells every observer, once, whether the body ended completely. */
  public void end(boolean complete) {
    if (ended) {
      return;
    }
    ended = true;
    for (BodyObserver o : observers) {
      try {
        o.onEnd(complete);
      } catch (RuntimeException e) {
        // see chunk
      }
    }
  }
}
