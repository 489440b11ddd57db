package dev.llmgateway.undertow.internal.http;

import io.undertow.server.Connectors;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http2.Http2ServerConnection;
import org.xnio.ChannelListener;
import org.xnio.conduits.ConduitStreamSinkChannel;

/**
 * Watches for the client going away while the upstream works, so the upstream connection can be closed at once.
 * HTTP/1.1: a {@link ClientDisconnectProbe} on the raw connection. HTTP/2: the connection closing
 * ({@link Http2ConnectionWatch}) and the stream being reset: Undertow then closes the stream's channel and wakes
 * its write listener, which here finds the channel closed (once the response starts, the response relay's own write
 * listener makes the same check).
 */
final class ClientWatch implements Runnable, ChannelListener<ConduitStreamSinkChannel> {
  private final Runnable onGone;
  private ClientDisconnectProbe probe;
  private ConduitStreamSinkChannel stream;
  private Http2ConnectionWatch connection;
  private boolean stopped;

  private ClientWatch(Runnable onGone) {
    this.onGone = onGone;
  }

  /** Starts watching {@code exchange}; {@code onGone} runs at most once, on the IO thread. */
  static ClientWatch start(HttpServerExchange exchange, Runnable onGone) {
    ClientWatch watch = new ClientWatch(onGone);
    if (exchange.getConnection() instanceof Http2ServerConnection h2) {
      watch.stream = Connectors.getConduitSinkChannel(exchange);
      watch.stream.setWriteListener(watch);
      watch.connection = Http2ConnectionWatch.of(h2);
      watch.connection.add(watch);
    } else {
      watch.probe = ClientDisconnectProbe.watch(exchange, onGone);
    }
    return watch;
  }

  /** The HTTP/2 connection closed. */
  @Override
  public void run() {
    gone();
  }

  /** The HTTP/2 stream's channel woke its writer before any response: was it reset? */
  @Override
  public void handleEvent(ConduitStreamSinkChannel channel) {
    if (channel.isOpen()) {
      channel.suspendWrites();
    } else {
      gone();
    }
  }

  private void gone() {
    if (!stopped) {
      stop();
      onGone.run();
    }
  }

  /** Stops watching. Idempotent. */
  void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    if (probe != null) {
      probe.stop();
    }
    if (stream != null && stream.getWriteListener() == this) {
      stream.setWriteListener(null);
    }
    if (connection != null) {
      connection.remove(this);
    }
  }
}
