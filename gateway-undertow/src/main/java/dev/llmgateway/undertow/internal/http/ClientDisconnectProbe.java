package dev.llmgateway.undertow.internal.http;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import java.io.IOException;
import org.xnio.ChannelListener;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Notices an HTTP/1.1 client leaving while its request waits on the upstream. Undertow does not read a connection
 * while a request runs, so a client that closes during prefill or a silent stretch would go unnoticed until the
 * next write. From the end of the request body to the end of the exchange this probe reads the raw connection:
 * end of stream or an error means the client left; bytes are a pipelined next request, handed back to Undertow
 * untouched, and watching stops. Uses {@link HttpServerConnection} internals on purpose, in this one class.
 */
final class ClientDisconnectProbe implements ChannelListener<ConduitStreamSourceChannel>, ExchangeCompletionListener {
  private final HttpServerConnection connection;
  private final ConduitStreamSourceChannel source;
  private final Runnable onGone;
  private final StreamSourceConduit savedConduit;
  private final ChannelListener<? super ConduitStreamSourceChannel> savedListener;
  private boolean stopped;

  private ClientDisconnectProbe(HttpServerConnection connection, Runnable onGone) {
    this.connection = connection;
    this.source = connection.getChannel().getSourceChannel();
    this.onGone = onGone;
    this.savedConduit = source.getConduit();
    this.savedListener = source.getReadListener();
  }

  /**
   * Starts watching the exchange's connection; null when it cannot be watched this way (HTTP/2, or bytes of a
   * next request already read, which shows the client is still there).
   */
  static ClientDisconnectProbe watch(HttpServerExchange exchange, Runnable onGone) {
    if (!(exchange.getConnection() instanceof HttpServerConnection connection) || connection.getExtraBytes() != null
        || !connection.isOpen()) {
      return null;
    }
    ClientDisconnectProbe probe = new ClientDisconnectProbe(connection, onGone);
    // Read the socket (or TLS) conduit itself: the request's own conduit is at its end and would report that.
    probe.source.setConduit(connection.getOriginalSourceConduit());
    probe.source.setReadListener(probe);
    probe.source.resumeReads();
    // A fixed-length response can complete the exchange before the proxy sees the upstream's end: stop first,
    // so that Undertow's own end-of-exchange handling finds the connection as it left it.
    exchange.addExchangeCompleteListener(probe);
    return probe;
  }

  @Override
  public void handleEvent(ConduitStreamSourceChannel channel) {
    if (stopped) {
      return;
    }
    PooledByteBuffer pooled = connection.getByteBufferPool().allocate();
    int n;
    try {
      n = channel.read(pooled.getBuffer());
    } catch (IOException e) {
      n = -1;
    }
    if (n == 0) {
      pooled.close();
      return;
    }
    stop();
    if (n < 0) {
      pooled.close();
      onGone.run();
    } else {
      pooled.getBuffer().flip();
      connection.ungetRequestBytes(pooled); // the next pipelined request, parsed when this exchange ends
    }
  }

  @Override
  public void exchangeEvent(HttpServerExchange exchange, NextListener next) {
    stop();
    next.proceed();
  }

  /** Stops watching and gives the connection back to Undertow as it was. Idempotent. */
  void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    // Reads stay resumed: Undertow's own read listener suspends them lazily if anything arrives mid-request.
    source.setConduit(savedConduit);
    source.setReadListener(savedListener);
  }
}
