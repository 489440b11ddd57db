package dev.llmgateway.undertow.http;

import io.undertow.server.Connectors;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http2.Http2ServerConnection;
import org.xnio.ChannelListener;
import org.xnio.conduits.ConduitStreamSinkChannel;

/**
 * Watches for the client going away while the upstream works, so the upstream connection can be closed at once.
 * HTTP/1.1: a {@link ClientDisconnectProbe} on the raw connection. HTTP/2: the stream's channel, which Undertow
 * closes on RST_STREAM and when the connection closes.
 */
final class ClientWatch {
  private final ClientDisconnectProbe probe;
  private final ConduitStreamSinkChannel stream;
  private boolean stopped;

  private ClientWatch(ClientDisconnectProbe probe, ConduitStreamSinkChannel stream) {
    this.probe = probe;
    this.stream = stream;
  }

  /** Starts watching {@code exchange}; {@code onGone} runs at most once, on the IO thread. */
  static ClientWatch start(HttpServerExchange exchange, Runnable onGone) {
    if (exchange.getConnection() instanceof Http2ServerConnection) {
      ConduitStreamSinkChannel stream = Connectors.getConduitSinkChannel(exchange);
      ClientWatch watch = new ClientWatch(null, stream);
      stream.setCloseListener((ChannelListener<ConduitStreamSinkChannel>) c -> {
        if (!watch.stopped) {
          watch.stopped = true;
          onGone.run();
        }
      });
      return watch;
    }
    return new ClientWatch(ClientDisconnectProbe.watch(exchange, onGone), null);
  }

  /** Stops watching; call before the response ends, since ending it closes what HTTP/2 watches. Idempotent. */
  void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    if (probe != null) {
      probe.stop();
    }
    if (stream != null) {
      stream.setCloseListener(null);
    }
  }
}
