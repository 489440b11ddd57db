package dev.llmgateway.undertow.upstream;

import io.undertow.client.ClientConnection;
import io.undertow.client.ClientStatistics;
import java.io.IOException;
import org.xnio.IoUtils;

/**
 * One upstream connection and its pool bookkeeping: since when it is idle and how many requests it carried (a
 * request on a connection that carried one before is a "reused" request, the only kind retried after a stale
 * close). Owned by the IO thread the connection belongs to.
 */
final class UpstreamConnection {
  final ClientConnection connection;
  final UpstreamPool pool;
  long idleSince;
  int requests;

  UpstreamConnection(ClientConnection connection, UpstreamPool pool) {
    this.connection = connection;
    this.pool = pool;
  }

  boolean isOpen() {
    return connection.isOpen();
  }

  /** Bytes read from the upstream since the last {@link #resetCounters()}; -1 when unknown. */
  long bytesRead() {
    ClientStatistics stats = connection.getStatistics();
    return stats == null ? -1 : stats.getRead();
  }

  void resetCounters() {
    ClientStatistics stats = connection.getStatistics();
    if (stats != null) {
      stats.reset();
    }
  }

  /**
   * Closes the socket at once. {@link ClientConnection#close()} would half-close and then wait up to ten seconds
   * for the upstream to finish, which a model server that is still generating never does; taking the raw
   * connection (Undertow hands it out for upgrades) and closing that stops the upstream immediately.
   */
  void close() {
    closeNow(connection);
  }

  static void closeNow(ClientConnection connection) {
    try {
      IoUtils.safeClose(connection.performUpgrade());
    } catch (IOException | RuntimeException e) {
      IoUtils.safeClose(connection);
    }
  }
}
