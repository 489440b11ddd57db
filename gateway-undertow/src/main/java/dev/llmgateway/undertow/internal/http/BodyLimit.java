package dev.llmgateway.undertow.internal.http;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitReadableByteChannel;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSourceConduit;

/**
 * A cap on a streamed request body set by a plugin ({@link dev.llmgateway.plugin.UpstreamRequest#limitBody}): a
 * conduit under the request channel counts bytes as they pass and fails the read with {@link Exceeded} once the
 * count goes past the cap, so whoever reads — the held-body reader or the upstream relay — stops there.
 */
record BodyLimit(long maxBytes, int status, String message) {
  /** The read that crossed the cap; carries the answer the plugin chose. */
  static final class Exceeded extends IOException {
    private final transient BodyLimit limit;

    Exceeded(BodyLimit limit) {
      super("request body larger than " + limit.maxBytes() + " bytes");
      this.limit = limit;
    }

    BodyLimit limit() {
      return limit;
    }
  }

  /** Installs the cap; must run before anything asked for the request channel. */
  void install(HttpServerExchange exchange) {
    exchange.addRequestWrapper((factory, ex) -> new Counting(factory.create(), this));
  }

  private static final class Counting extends AbstractStreamSourceConduit<StreamSourceConduit> {
    private final BodyLimit limit;
    private long count;

    Counting(StreamSourceConduit next, BodyLimit limit) {
      super(next);
      this.limit = limit;
    }

    private long counted(long n) throws Exceeded {
      if (n > 0) {
        count += n;
        if (count > limit.maxBytes()) {
          throw new Exceeded(limit);
        }
      }
      return n;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return (int) counted(next.read(dst));
    }

    @Override
    public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
      return counted(next.read(dsts, offs, len));
    }

    @Override
    public long transferTo(long position, long count, FileChannel target) throws IOException {
      return target.transferFrom(new ConduitReadableByteChannel(this), position, count);
    }

    @Override
    public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
      return Conduits.transfer(this, count, throughBuffer, target);
    }
  }
}
