package dev.llmgateway.undertow.internal.websocket;

import dev.llmgateway.undertow.internal.http1.KongBadRequest;
import dev.llmgateway.undertow.internal.upstream.IdleTimer;
import dev.llmgateway.undertow.internal.upstream.Relay;
import dev.llmgateway.undertow.internal.upstream.SwitchedConnection;
import io.undertow.connector.ByteBufferPool;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.XnioIoThread;

/**
 * The bytes of an upgraded connection, relayed both ways between the client and the upstream on their IO thread,
 * as nginx does for Kong: each read is written at once and nothing is buffered beyond one pending buffer; while one
 * side cannot take more, the other side is not read (back-pressure). When either side ends its stream, what was
 * read from it is delivered and its end passed on, then both connections close. An idle timeout (no byte either
 * way, the service's {@code read_timeout}) and stall timeouts on each write side (the service's {@code
 * write_timeout} toward the upstream, the client send timeout toward the client) close it too.
 */
public final class Tunnel {
  /** What the owner hears, once, on the IO thread. */
  public interface Events {
    /** Both connections are closed; {@code failure} says why when it was not a side ending its stream. */
    void closed(Tunnel tunnel, String failure);
  }

  /** The tunnel's timeouts in milliseconds; zero or less for none. */
  public record Timeouts(long idleMillis, long upstreamWriteMillis, long clientWriteMillis) {}

  private final StreamConnection client;
  private final StreamConnection upstream;
  private final ByteBuffer early;
  private final XnioIoThread thread;
  private final Timeouts timeouts;
  private final Events events;
  private final IdleTimer idle;
  private final IdleTimer upstreamStall;
  private final IdleTimer clientStall;
  private final Relay toUpstream;
  private final Relay toClient;
  private boolean closed;

  /** @param client the client's connection after the 101 went out; it must live on the upstream's IO thread */
  public Tunnel(StreamConnection client, SwitchedConnection upstream, ByteBufferPool buffers, Timeouts timeouts,
      Events events) {
    this.client = client;
    this.upstream = upstream.connection();
    this.early = upstream.early();
    this.thread = client.getIoThread();
    this.timeouts = timeouts;
    this.events = events;
    this.idle = new IdleTimer(thread, () -> close("idle timeout"));
    this.upstreamStall = new IdleTimer(thread, () -> close("upstream write timeout"));
    this.clientStall = new IdleTimer(thread, () -> close("client send timeout"));
    this.toUpstream = new Relay(client.getSourceChannel(), this.upstream.getSinkChannel(), buffers, thread,
        new Side("client", "upstream"))
        .sourceIdle(idle)
        .sinkStall(upstreamStall, timeouts.upstreamWriteMillis());
    this.toClient = new Relay(this.upstream.getSourceChannel(), client.getSinkChannel(), buffers, thread,
        new Side("upstream", "client"))
        .sourceIdle(idle)
        .sinkStall(clientStall, timeouts.clientWriteMillis());
  }

  /** Starts relaying: the upstream's early bytes (sent right behind its 101) reach the client first. */
  public void start() {
    KongBadRequest.remove(client);
    idle.start(timeouts.idleMillis());
    toClient.start(early);
    if (!closed) {
      toUpstream.start(null);
    }
  }

  /** Bytes read from the client and relayed upstream so far. */
  public long bytesFromClient() {
    return toUpstream.bytes();
  }

  /** Bytes relayed to the client so far, the upstream's early bytes included. */
  public long bytesToClient() {
    return toClient.bytes() + (early == null ? 0 : early.limit());
  }

  /** Closes both connections from any thread (a drain that timed out), on the tunnel's IO thread. */
  public void closeSoon(String failure) {
    thread.execute(() -> close(failure));
  }

  /** Closes both connections at once; the first reason given is the one reported. */
  void close(String failure) {
    if (closed) {
      return;
    }
    closed = true;
    toUpstream.abort();
    toClient.abort();
    idle.cancel();
    upstreamStall.cancel();
    clientStall.cancel();
    IoUtils.safeClose(upstream);
    IoUtils.safeClose(client);
    events.closed(this, failure);
  }

  /** One direction's news: {@code source} is read and {@code sink} written. */
  private final class Side implements Relay.Events {
    private final String source;
    private final String sink;

    Side(String source, String sink) {
      this.source = source;
      this.sink = sink;
    }

    @Override
    public void relayed(Relay relay) {
      close(null); // the source ended its stream and the sink got all of it and the end: nginx closes both here
    }

    @Override
    public void sourceFailed(Relay relay, IOException e) {
      close(source + " reset");
    }

    @Override
    public void sinkFailed(Relay relay, IOException e) {
      close(sink + " reset");
    }
  }
}
