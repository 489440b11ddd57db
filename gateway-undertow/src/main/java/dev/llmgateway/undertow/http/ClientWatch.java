package dev.llmgateway.undertow.http;

import io.undertow.server.Connectors;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http2.Http2ServerConnection;
import org.xnio.ChannelListener;
import org.xnio.conduits.ConduitStreamSinkChannel;

/**
 * Watches for the client going away while the upstream works, so the upstream connection can be closed at once.
 * HTTP/1.1: a {@link ClientDisconnectProbe} on the raw connection. HTTP/2: Undertow closes a stream's channel on
 * RST_STREAM (and when the connection dies) and then wakes its write listener, which here finds the channel
 * closed; once the response starts, the response relay's own write listener does the same check.
 */
final class ClientWatch {
  private final ClientDisconnectProbe probe;
  private final ConduitStreamSinkChannel stream;
  private final ChannelListener<ConduitStreamSinkChannel> listener;
  private boolean stopped;

  private ClientWatch(ClientDisconnectProbe probe, ConduitStreamSinkChannel stream, Runnable onGone) {
    this.probe = probe;
    this.stream = stream;
    this.listener = stream == null ? null : c -> {
      if (stopped) {
        return;
      }
      if (c.isOpen()) {
        c.suspendWrites();
      } else {
        stopped = true;
        onGone.run();
      }
    };
  }

  /** Starts watching {@code exchange}; {@code onGone} runs at most once, on the IO thread. */
  static ClientWatch start(HttpServerExchange exchange, Runnable onGone) {
    if (exchange.getConnection() instanceof Http2ServerConnection) {
      ConduitStreamSinkChannel stream = Connectors.getConduitSinkChannel(exchange);
      ClientWatch watch = new ClientWatch(null, stream, onGone);
      stream.setWriteListener(watch.listener);
      return watch;
    }
    return new ClientWatch(ClientDisconnectProbe.watch(exchange, onGone), null, onGone);
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
    if (stream != null && stream.getWriteListener() == listener) {
      stream.setWriteListener(null);
    }
  }
}
