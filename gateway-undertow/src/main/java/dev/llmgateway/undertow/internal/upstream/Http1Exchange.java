package dev.llmgateway.undertow.internal.upstream;

import dev.llmgateway.undertow.internal.http1.BodyEnd;
import dev.llmgateway.undertow.internal.http1.MalformedMessageException;
import dev.llmgateway.undertow.internal.http1.MessageBodies;
import dev.llmgateway.undertow.internal.http1.RequestHeadWriter;
import dev.llmgateway.undertow.internal.http1.ResponseFraming;
import dev.llmgateway.undertow.internal.http1.ResponseHead;
import io.undertow.client.ClientRequest;
import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.ChannelListener;
import org.xnio.conduits.ConduitStreamSinkChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.conduits.StreamSinkConduit;
import org.xnio.conduits.StreamSourceConduit;

/**
 * One request and its response head on one upstream connection, with the gateway's own HTTP/1.1 codec: writes the
 * head (and a held body with it, in one gathering write), reads the response head strictly
 * ({@link dev.llmgateway.undertow.internal.http1.ResponseHeadParser}: bounded size and field count), skips interim 1xx
 * responses, applies {@link ResponseFraming}, then installs the body conduit that its framing calls for. Decides
 * whether the connection may carry another request: only when the response was HTTP/1.1 without {@code close}
 * and its body ended exactly where its framing said, with no byte after it. Runs on the connection's IO thread.
 */
final class Http1Exchange implements ChannelListener<ConduitStreamSourceChannel>, BodyEnd {
  /** What the call hears, on the IO thread; after a failure nothing more. */
  interface Listener {
    /**
     * The head is written, and with {@code wholeRequest} the whole request too; otherwise the body (held bytes
     * first) is to be relayed into {@link #bodySink()}, which frames it.
     */
    void headSent(Http1Exchange x, boolean wholeRequest);

    /** The final response head arrived: {@link #head()} and {@link #body()} are valid. */
    void responded(Http1Exchange x);

    /** Writing or reading failed before the final response head (a malformed head included). */
    void failed(Http1Exchange x, IOException e);
  }

  private static final int MAX_INTERIM = 16;
  private static final int MAX_REQUEST_HEAD = 16 * 1024 * 1024;

  final UpstreamConnection connection;
  private final ClientRequest request;
  private final ByteBuffer held;
  private final boolean wholeHeld;
  private final ByteBufferPool pool;
  private final IdleTimer readTimer;
  private final IdleTimer writeTimer;
  private final long writeMillis;
  private final Listener listener;
  private final ByteBuffer[] out = new ByteBuffer[2];
  private ChannelListener<ConduitStreamSinkChannel> writable; // only when a head has to wait for the socket
  private int outCount;
  private PooledByteBuffer headPooled;
  private ResponseHead head;
  private StreamSourceConduit body;
  private boolean bodyEnded;
  private boolean reusable;
  private boolean done;
  private boolean writeFailed;
  private int interim;
  private ByteBuffer early; // bytes of the switched protocol that came with a 101 head

  /**
   * @param held body bytes held (a duplicate the exchange may consume), or null
   * @param streamed true when more body bytes follow on the client's channel
   */
  Http1Exchange(UpstreamConnection connection, ClientRequest request, ByteBuffer held, boolean streamed,
      ByteBufferPool pool, IdleTimer readTimer, IdleTimer writeTimer, long writeMillis, Listener listener) {
    this.connection = connection;
    this.request = request;
    this.held = held;
    this.wholeHeld = !streamed && !request.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
    this.pool = pool;
    this.readTimer = readTimer;
    this.writeTimer = writeTimer;
    this.writeMillis = writeMillis;
    this.listener = listener;
  }

  /** Starts listening for the response and writes the request head. */
  void start() {
    ConduitStreamSourceChannel source = connection.connection.getSourceChannel();
    source.getReadSetter().set(this);
    source.resumeReads();
    try {
      out[0] = encodeHead();
    } catch (MalformedMessageException e) {
      fail(e);
      return;
    }
    outCount = 1;
    if (wholeHeld && held != null && held.hasRemaining()) {
      out[1] = held;
      outCount = 2;
    }
    writeOut();
  }

  private ByteBuffer encodeHead() throws MalformedMessageException {
    headPooled = pool.allocate();
    ByteBuffer buf = headPooled.getBuffer();
    buf.clear();
    if (RequestHeadWriter.write(request, buf)) {
      return buf.flip();
    }
    headPooled.close();
    headPooled = null;
    for (int size = buf.capacity() * 4; size <= MAX_REQUEST_HEAD; size *= 4) {
      ByteBuffer big = ByteBuffer.allocate(size); // a rare head (huge cookies): a heap buffer, once
      if (RequestHeadWriter.write(request, big)) {
        return big.flip();
      }
    }
    throw new MalformedMessageException("request head larger than " + MAX_REQUEST_HEAD + " bytes");
  }

  private void writeOut() {
    if (done || writeFailed) {
      return;
    }
    ConduitStreamSinkChannel sink = connection.connection.getSinkChannel();
    try {
      while (out[outCount - 1].hasRemaining()) {
        if (sink.write(out, 0, outCount) == 0) {
          blockWrites(sink);
          return;
        }
      }
      if (!sink.flush()) {
        blockWrites(sink);
        return;
      }
    } catch (IOException e) {
      fail(e);
      return;
    }
    sink.suspendWrites();
    writeTimer.stop();
    releaseHead();
    if (wholeHeld) {
      listener.headSent(this, true);
      return;
    }
    try {
      sink.setConduit(bodyConduit());
    } catch (IOException e) {
      fail(e);
      return;
    }
    listener.headSent(this, false);
  }

  private StreamSinkConduit bodyConduit() throws IOException {
    HeaderMap h = request.getRequestHeaders();
    String length = h.getFirst(Headers.CONTENT_LENGTH);
    if (length != null) {
      try {
        return MessageBodies.fixed(connection.rawSink, Long.parseLong(length.trim()));
      } catch (NumberFormatException e) {
        throw new MalformedMessageException("a plugin set an invalid Content-Length: " + length);
      }
    }
    return MessageBodies.chunked(connection.rawSink, pool, request);
  }

  private void blockWrites(ConduitStreamSinkChannel sink) {
    if (writable == null) {
      writable = c -> writeOut();
    }
    sink.getWriteSetter().set(writable);
    sink.resumeWrites();
    writeTimer.start(writeMillis);
  }

  /** The connection's sink, framing the request body; valid after {@code headSent(x, false)}. */
  ConduitStreamSinkChannel bodySink() {
    return connection.connection.getSinkChannel();
  }

  /** The final response head; valid after {@link Listener#responded}. */
  ResponseHead head() {
    return head;
  }

  /** The response body channel, or null when the response has none (HEAD, 204, 304). */
  ConduitStreamSourceChannel body() {
    return body == null ? null : connection.connection.getSourceChannel();
  }

  /** True when the connection may carry another request: its response ended cleanly where framing said. */
  boolean reusable() {
    return head != null && reusable && bodyEnded && !done && !writeFailed;
  }

  /** Readable before the final head: reads, parses, skips interim heads. */
  @Override
  public void handleEvent(ConduitStreamSourceChannel channel) {
    if (done || head != null) {
      channel.suspendReads();
      return;
    }
    PooledByteBuffer pooled = pool.allocate();
    boolean handedOver = false;
    try {
      ByteBuffer b = pooled.getBuffer();
      while (true) {
        b.clear();
        int n = channel.read(b);
        if (n <= 0) {
          if (n < 0) {
            fail(new EOFException(connection.bytesRead == 0 ? "upstream closed the connection without a response"
                : "upstream closed the connection inside the response head"));
          }
          return;
        }
        connection.bytesRead += n;
        readTimer.touch();
        b.flip();
        while (b.hasRemaining()) {
          ResponseHead h = connection.parser.parse(b);
          if (h == null) {
            break;
          }
          if (h.interim()) {
            if (++interim > MAX_INTERIM) {
              throw new MalformedMessageException("more than " + MAX_INTERIM + " interim responses");
            }
            continue; // 100, 102, 103: the final response follows (nginx skips them too)
          }
          handedOver = finalHead(channel, h, pooled);
          return;
        }
      }
    } catch (IOException e) {
      fail(e);
    } finally {
      if (!handedOver) {
        pooled.close();
      }
    }
  }

  /** @return whether {@code pooled} now belongs to the body (it holds body bytes that came with the head) */
  private boolean finalHead(ConduitStreamSourceChannel channel, ResponseHead h, PooledByteBuffer pooled)
      throws MalformedMessageException {
    if (switched(channel, h, pooled.getBuffer())) {
      return false;
    }
    HeaderMap headers = h.headers();
    String problem = ResponseFraming.problem(h.status(), headers);
    if (problem != null) {
      throw new MalformedMessageException(problem);
    }
    channel.suspendReads();
    reusable = !h.http10() && !ResponseFraming.closes(headers);
    boolean extra = pooled.getBuffer().hasRemaining();
    PooledByteBuffer initial = extra ? pooled : null;
    if (!ResponseFraming.hasBody(request.getMethod(), h.status())) {
      bodyEnded = true;
      if (extra || (!Methods.HEAD.equals(request.getMethod()) && ResponseFraming.announcesBody(headers))) {
        reusable = false; // body bytes where none may be: left unread, they would answer the next request
      }
      initial = null;
    } else if (headers.contains(Headers.TRANSFER_ENCODING)) {
      body = MessageBodies.chunked(connection.rawSource, initial, pool, this);
    } else if (headers.contains(Headers.CONTENT_LENGTH)) {
      long length;
      try {
        length = Long.parseLong(headers.getFirst(Headers.CONTENT_LENGTH).trim());
      } catch (NumberFormatException e) {
        throw new MalformedMessageException("an invalid Content-Length");
      }
      body = MessageBodies.fixed(connection.rawSource, initial, length, this);
    } else {
      reusable = false; // the body ends with the connection
      body = MessageBodies.untilClose(connection.rawSource, initial, this);
    }
    if (body != null) {
      channel.setConduit(body);
    }
    head = h;
    listener.responded(this);
    return initial != null;
  }

  /**
   * A 101 answering the upgrade this request asked for (only a WebSocket handshake carries {@code Upgrade}
   * upstream): the connection now speaks that protocol, so no body conduit, never reusable, and the bytes read past
   * the head are kept for {@link #early()}. A 101 switching to another protocol is malformed.
   */
  private boolean switched(ConduitStreamSourceChannel channel, ResponseHead h, ByteBuffer rest)
      throws MalformedMessageException {
    String asked = request.getRequestHeaders().getFirst(Headers.UPGRADE);
    if (h.status() != 101 || asked == null) {
      return false;
    }
    String given = h.headers().getFirst(Headers.UPGRADE);
    if (given == null || !given.trim().equalsIgnoreCase(asked.trim())) {
      throw new MalformedMessageException("101 Switching Protocols to " + (given == null ? "no protocol" : given)
          + " when " + asked + " was asked for");
    }
    channel.suspendReads();
    reusable = false;
    bodyEnded = true;
    if (rest.hasRemaining()) {
      early = ByteBuffer.allocate(rest.remaining()).put(rest).flip(); // rare and small: the peer spoke first
    }
    head = h;
    listener.responded(this);
    return true;
  }

  /** After a 101: the switched protocol's bytes that arrived with the head, or null. */
  ByteBuffer early() {
    return early;
  }

  @Override
  public void ended(boolean extraBytes) {
    bodyEnded = true;
    if (extraBytes) {
      reusable = false;
    }
  }

  private void fail(IOException e) {
    if (done) {
      return;
    }
    if (head != null) {
      // The response is already being relayed (the upstream answered early): a failed write only means the
      // connection cannot carry another request; its reads are the body relay's and stay untouched.
      writeFailed = true;
      releaseHead();
      writeTimer.stop();
      connection.connection.getSinkChannel().suspendWrites();
      return;
    }
    abandon();
    listener.failed(this, e);
  }

  /** Stops the exchange and gives back its buffers; the owner closes the connection. */
  void abandon() {
    if (done) {
      return;
    }
    done = true;
    releaseHead();
    if (body != null) {
      MessageBodies.release(body);
    }
    writeTimer.stop();
    ConduitStreamSinkChannel sink = connection.connection.getSinkChannel();
    sink.suspendWrites();
    connection.connection.getSourceChannel().suspendReads();
  }

  private void releaseHead() {
    out[0] = null;
    out[1] = null;
    if (headPooled != null) {
      headPooled.close();
      headPooled = null;
    }
  }
}
