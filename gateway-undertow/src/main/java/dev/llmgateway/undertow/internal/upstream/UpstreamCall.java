package dev.llmgateway.undertow.internal.upstream;

import dev.llmgateway.internal.proxy.ProxyFailure;
import dev.llmgateway.undertow.internal.http1.ResponseHead;
import io.undertow.client.ClientRequest;
import io.undertow.connector.ByteBufferPool;
import io.undertow.util.Headers;
import java.io.IOException;
import java.util.function.IntFunction;
import org.xnio.XnioIoThread;
import org.xnio.channels.StreamSourceChannel;

/**
 * One request to the upstream, up to its response headers: take a pooled connection or open one, send the
 * request, wait for the headers. Retries follow Kong with one difference that protects GPUs: a connect failure or
 * connect timeout moves on to the next destination, up to the service's retries; a reused connection that the
 * upstream closed before sending any byte is retried once on a fresh connection, and only when the whole body is
 * held. When the destinations are balanced, a reset before any response byte, or an engine's back-pressure answer
 * (429/503) that the balancer wants elsewhere, moves a request whose body is held to another target, within the
 * service's retries; nothing else is retried (a read timeout never, nothing after the first response byte). Every
 * outcome is reported to the balancer's {@code Attempt}. Each attempt is an {@link Http1Exchange} on the gateway's
 * own HTTP/1.1 codec. Runs on one IO thread.
 */
public final class UpstreamCall implements ConnectionSource.Receiver, Relay.Events, Http1Exchange.Listener {
  /** What the owner hears, on the IO thread. */
  public interface Listener {
    /** The response headers arrived: relay {@link #responseChannel()}. */
    void upstreamResponded(UpstreamCall call);

    /**
     * The call failed; {@link #responded()} tells whether the response had started (then only a read timeout
     * arrives here; everything else after the headers is the response relay's to report).
     */
    void upstreamFailed(UpstreamCall call, ProxyFailure failure, Throwable cause);

    /** The whole request went out (the client's body is fully read by now). */
    default void requestSent(UpstreamCall call) {}

    /** Reading the rest of the request body from the client failed: the client is gone. */
    void clientBodyFailed(UpstreamCall call, IOException e);
  }

  private final Wiring wiring;
  private final XnioIoThread thread;
  private final ConnectionSource connections;
  private final ClientRequest request;
  private final RequestBody body;
  private final Timeouts timeouts;
  private final Listener listener;
  /** The request asks for a protocol switch (a WebSocket handshake): fresh connections only, never pooled after. */
  private final boolean upgrade;
  private final IdleTimer readTimer;
  private final IdleTimer writeTimer;
  private IdleTimer bodyTimer; // only while a streamed body is being sent
  private boolean staleRetried;
  private UpstreamConnection current;
  private boolean reused;
  private Http1Exchange exchange;
  private Relay sender;
  private boolean requestSent;
  private boolean responded;
  private boolean finished;
  private long startNanos;
  private long headersNanos;

  /** The service's timeouts in milliseconds and its connect retries. */
  public record Timeouts(int connectMillis, int writeMillis, int readMillis, int retries) {}

  /**
   * What every call shares: the pools, the connector, the buffers, and how long a client may send no byte of a
   * request body that is being streamed (nginx's {@code client_body_timeout}).
   */
  public record Wiring(UpstreamPools pools, UpstreamConnector connector, ByteBufferPool buffers,
      long clientBodyTimeoutMillis) {}

  /**
   * @param destinations where attempt {@code n} (0-based) goes; null when there is nowhere to go
   * @param request method, path and headers; framing headers must match {@code body}; Host is set per attempt
   */
  public UpstreamCall(Wiring wiring, XnioIoThread thread, IntFunction<Destination> destinations,
      ClientRequest request, RequestBody body, Timeouts timeouts, Listener listener) {
    this.wiring = wiring;
    this.thread = thread;
    this.request = request;
    this.body = body;
    this.timeouts = timeouts;
    this.listener = listener;
    this.upgrade = request.getRequestHeaders().contains(Headers.UPGRADE);
    this.connections = new ConnectionSource(wiring, thread, destinations, request, timeouts.connectMillis(),
        timeouts.retries(), upgrade, this);
    this.readTimer = new IdleTimer(thread, () -> timedOut());
    this.writeTimer = new IdleTimer(thread, () -> timedOut());
  }

  public void start() {
    startNanos = System.nanoTime();
    connections.next(false);
  }

  /** True once the response headers arrived. */
  public boolean responded() {
    return responded;
  }

  /** The upstream response head (status, headers); valid after {@link Listener#upstreamResponded}. */
  public ResponseHead response() {
    return exchange.head();
  }

  /**
   * The response body channel; valid after {@link Listener#upstreamResponded}. Null when the response has no
   * body by its status or the request's method (HEAD, 204, 304), whatever its head announced.
   */
  public StreamSourceChannel responseChannel() {
    return exchange.body();
  }

  /** True once the upstream answered a protocol switch asked for with {@code 101}: see {@link #takeSwitched()}. */
  public boolean switched() {
    return responded && upgrade && exchange.head().status() == 101;
  }

  /**
   * Ends a {@link #switched()} call and hands over its connection, which now speaks the new protocol: the caller
   * owns it (and closes it) from here; it never goes back to a pool.
   */
  public SwitchedConnection takeSwitched() {
    if (!switched() || finished) {
      throw new IllegalStateException("no switched connection to take");
    }
    finished = true;
    connections.cancel();
    stopSending();
    readTimer.cancel();
    UpstreamConnection c = current;
    current = null;
    return new SwitchedConnection(c.connection, exchange.early());
  }

  /** The address of the attempt in progress or last made, or null before the first. */
  public UpstreamAddress address() {
    return connections.address();
  }

  /** The address of the attempt in progress or last made ({@code host:port}), for log lines. */
  public String target() {
    return connections.target();
  }

  /** The upstream read timer, to be touched by the response relay. */
  public IdleTimer readTimer() {
    return readTimer;
  }

  /** From the start of the call to the response headers; -1 before they arrive. */
  public long upstreamNanos() {
    return responded ? headersNanos - startNanos : -1;
  }

  /** The request body bytes streamed from the client (held bytes not counted). */
  public long streamedRequestBytes() {
    return sender == null ? 0 : sender.bytes();
  }

  @Override
  public void acquired(UpstreamConnection c) {
    if (finished) {
      c.close();
      return;
    }
    send(c);
  }

  @Override
  public void unavailable(ProxyFailure failure, Throwable cause) {
    if (!finished) {
      fail(failure, cause);
    }
  }

  private void send(UpstreamConnection c) {
    current = c;
    reused = c.requests++ > 0;
    c.bytesRead = 0;
    requestSent = false;
    exchange = new Http1Exchange(c, request, body.held() == null ? null : body.held().duplicate(),
        !body.complete(), wiring.buffers(), readTimer, writeTimer, timeouts.writeMillis(), this);
    exchange.start();
  }

  @Override
  public void headSent(Http1Exchange x, boolean wholeRequest) {
    if (finished || x != exchange) {
      return;
    }
    if (wholeRequest) {
      requestDone();
      return;
    }
    sender = new Relay(body.rest(), x.bodySink(), wiring.buffers(), thread, this)
        .sinkStall(writeTimer, timeouts.writeMillis());
    if (body.rest() != null) {
      bodyTimer = new IdleTimer(thread, this::clientBodyStalled);
      sender.sourceIdle(bodyTimer);
      bodyTimer.start(wiring.clientBodyTimeoutMillis());
    }
    sender.start(body.held() == null ? null : body.held().duplicate());
  }

  private void requestDone() {
    requestSent = true;
    if (!responded && !finished) {
      readTimer.start(timeouts.readMillis());
    }
    if (!finished) {
      listener.requestSent(this);
    }
  }

  @Override
  public void responded(Http1Exchange x) {
    if (finished || responded || x != exchange) {
      return;
    }
    ResponseHead head = x.head();
    if (connections.attempt().responded(head.status(), head.headers().getFirst(Headers.RETRY_AFTER),
        body.complete()) && connections.canRetry()) {
      UpstreamConnection busy = current; // an engine's "too busy": try another target, nothing reached the client
      current = null;
      stopSending();
      x.abandon(); // gives back the buffers its body conduit holds; closing the socket does not
      busy.close();
      connections.retry();
      return;
    }
    responded = true;
    headersNanos = System.nanoTime();
    readTimer.start(timeouts.readMillis());
    listener.upstreamResponded(this);
  }

  @Override
  public void failed(Http1Exchange x, IOException e) {
    if (x == exchange) {
      beforeResponseFailed(x.connection, e);
    }
  }

  /** Ignores late news from a connection this call already gave up (closing it reports the failure again). */
  private void beforeResponseFailed(UpstreamConnection c, IOException e) {
    if (finished || responded || c != current) {
      return;
    }
    current = null;
    stopSending();
    boolean noResponseByte = c.bytesRead == 0;
    exchange.abandon();
    c.close();
    if (reused && body.complete() && !staleRetried && noResponseByte) {
      staleRetried = true; // the upstream closed an idle connection as we used it: safe to send again, once
      connections.next(true);
      return;
    }
    connections.attempt().reset();
    if (body.complete() && noResponseByte && connections.canRetry()) {
      connections.retry(); // failover: nothing reached the client and the body can be sent again
      return;
    }
    fail(ProxyFailure.INVALID_RESPONSE, e);
  }

  /** The client sent no body byte for the timeout; waiting on a slow upstream instead is the write timeout's. */
  private void clientBodyStalled() {
    if (finished || requestSent) {
      return;
    }
    if (sender != null && sender.sinkBlocked()) {
      bodyTimer.start(wiring.clientBodyTimeoutMillis());
      return;
    }
    fail(ProxyFailure.REQUEST_TIMEOUT, null);
  }

  private void stopBodyTimer() {
    if (bodyTimer != null) {
      bodyTimer.cancel();
    }
  }

  private void timedOut() {
    if (finished) {
      return;
    }
    connections.attempt().timedOut();
    fail(ProxyFailure.UPSTREAM_TIMEOUT, null);
  }

  private void fail(ProxyFailure failure, Throwable cause) {
    finish(false);
    listener.upstreamFailed(this, failure, cause);
  }

  private void stopSending() {
    if (sender != null) {
      sender.abort();
    }
    writeTimer.cancel();
    stopBodyTimer();
    readTimer.stop();
  }

  /**
   * Ends the call after the response body: a clean end returns the connection to its pool when the request was
   * fully sent; anything else closes it, so the upstream stops working on this request.
   */
  public void finish(boolean clean) {
    if (finished) {
      return;
    }
    finished = true;
    connections.cancel();
    stopSending();
    readTimer.cancel();
    if (current == null) {
      return;
    }
    if (clean && !upgrade && requestSent && current.isOpen() && exchange.reusable()) {
      current.pool.release(current, System.nanoTime());
    } else {
      exchange.abandon();
      current.close();
    }
  }

  @Override
  public void relayed(Relay relay) {
    if (relay == sender) {
      writeTimer.cancel();
      stopBodyTimer();
      requestDone();
    }
  }

  @Override
  public void sourceFailed(Relay relay, IOException e) {
    if (!finished) {
      listener.clientBodyFailed(this, e);
    }
  }

  @Override
  public void sinkFailed(Relay relay, IOException e) {
    writeTimer.cancel();
    if (!responded && relay == sender) {
      beforeResponseFailed(current, e);
    }
    // After the headers the request side failing only means the connection is not reusable (requestSent stays false).
  }
}
