package dev.llmgateway.undertow.internal.upstream;

import dev.llmgateway.undertow.internal.http1.ResponseHeadParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.conduits.ConduitStreamSinkChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.conduits.StreamSinkConduit;
import org.xnio.conduits.StreamSourceConduit;

/**
 * One upstream connection (plain or TLS) with its codec state and pool bookkeeping: since when it is idle, how many
 * requests it carried (a request on a connection that carried one before is a "reused" request, the only kind
 * retried after a stale close) and the bytes read for the current response. While idle in a pool it watches its
 * socket: any byte or an end of stream from the upstream closes it, so a pooled connection never holds data that
 * would be read as the answer to the next request. Owned by the IO thread the connection belongs to.
 */
final class UpstreamConnection implements ChannelListener<ConduitStreamSourceChannel> {
  final StreamConnection connection;
  final UpstreamPool pool;
  final StreamSourceConduit rawSource;
  final StreamSinkConduit rawSink;
  final ResponseHeadParser parser = new ResponseHeadParser();
  long idleSince;
  int requests;
  long bytesRead;

  UpstreamConnection(StreamConnection connection, UpstreamPool pool) {
    this.connection = connection;
    this.pool = pool;
    this.rawSource = connection.getSourceChannel().getConduit();
    this.rawSink = connection.getSinkChannel().getConduit();
  }

  boolean isOpen() {
    return connection.isOpen();
  }

  /** Closes the socket at once, so an upstream that is still generating stops. */
  void close() {
    IoUtils.safeClose(connection);
  }

  /** Puts the bare socket conduits back after an exchange and starts watching for unexpected bytes or a close. */
  void parkIdle() {
    ConduitStreamSinkChannel sink = connection.getSinkChannel();
    sink.suspendWrites();
    sink.setConduit(rawSink);
    sink.getWriteSetter().set(null);
    ConduitStreamSourceChannel source = connection.getSourceChannel();
    source.setConduit(rawSource);
    source.getReadSetter().set(this);
    source.resumeReads();
  }

  /** Stops the idle watch: an exchange takes the connection. */
  void unpark() {
    connection.getSourceChannel().suspendReads();
  }

  /** Readable while idle: unexpected data or the upstream's close; either way the connection is done. */
  @Override
  public void handleEvent(ConduitStreamSourceChannel channel) {
    ByteBuffer probe = ScratchBuffer.current().buffer;
    probe.clear();
    try {
      if (channel.read(probe) == 0) {
        return; // a TLS record with no data (a session ticket)
      }
    } catch (IOException e) {
      // closed below
    }
    close();
  }
}
