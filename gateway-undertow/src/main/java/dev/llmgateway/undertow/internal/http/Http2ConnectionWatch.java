package dev.llmgateway.undertow.internal.http;

import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Tells the running requests of one HTTP/2 connection that it closed. Undertow adds a close task per call on a
 * connection and keeps them until it closes, which would grow without bound on a long-lived connection; so the
 * proxy registers once per connection (kept as a connection attachment) and tracks its requests here. Used on the
 * connection's IO thread only.
 */
final class Http2ConnectionWatch implements ServerConnection.CloseListener {
  private static final AttachmentKey<Http2ConnectionWatch> KEY = AttachmentKey.create(Http2ConnectionWatch.class);

  private final Set<Runnable> running = new LinkedHashSet<>();
  private boolean closed;

  /** The watch of {@code connection}'s HTTP/2 connection, created and registered on first use. */
  static Http2ConnectionWatch of(ServerConnection connection) {
    Http2ConnectionWatch watch = connection.getAttachment(KEY);
    if (watch == null) {
      watch = new Http2ConnectionWatch();
      connection.putAttachment(KEY, watch);
      connection.addCloseListener(watch);
    }
    return watch;
  }

  /** Runs {@code onClose} if the connection closes before {@link #remove} (at once if it already has). */
  void add(Runnable onClose) {
    if (closed) {
      onClose.run();
    } else {
      running.add(onClose);
    }
  }

  void remove(Runnable onClose) {
    running.remove(onClose);
  }

  @Override
  public void closed(ServerConnection connection) {
    closed = true;
    for (Runnable r : new ArrayList<>(running)) {
      r.run();
    }
    running.clear();
  }
}
