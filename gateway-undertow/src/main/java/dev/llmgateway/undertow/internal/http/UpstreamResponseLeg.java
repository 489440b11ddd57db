package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.internal.balancer.RequestFacts;
import dev.llmgateway.entity.Service;
import dev.llmgateway.plugin.BodyObserver;
import dev.llmgateway.plugin.BodyRewriter;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.WholeBodyRewriter;
import dev.llmgateway.internal.proxy.ProxyFailure;
import dev.llmgateway.internal.route.RouteMatch;
import dev.llmgateway.undertow.internal.http1.MalformedMessageException;
import dev.llmgateway.undertow.internal.upstream.BodyRewriters;
import dev.llmgateway.undertow.internal.upstream.IdleTimer;
import dev.llmgateway.undertow.internal.upstream.Relay;
import dev.llmgateway.undertow.internal.upstream.RequestBody;
import dev.llmgateway.undertow.internal.upstream.UpstreamAddress;
import dev.llmgateway.undertow.internal.upstream.UpstreamCall;
import io.undertow.client.ClientRequest;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSourceChannel;

/**
 * The upstream's response and its way to the client: the upstream call, the response-headers phase, and the
 * response body relayed to the client with per-read flushes (counted on the {@link ClientResponseLeg}). Keeps
 * the call's latencies and target for the request's {@link RequestOutcome}. Watches the client from the end of its
 * request body to the end of the exchange; if it leaves, the upstream connection is closed at once (never pooled)
 * so the model stops generating. An upstream that breaks off mid-body makes the client connection close without
 * a final chunk.
 */
final class UpstreamResponseLeg implements UpstreamCall.Listener, Relay.Events {
  private static final System.Logger LOG = System.getLogger("dev.llmgateway.internal.proxy");
  private final ProxyExchange px;
  private final HttpServerExchange exchange;
  private final ClientRequest request;
  private final RequestBody body;
  private UpstreamCall call;
  private Destinations destinations;
  private Relay relay;
  private ClientWatch watch;
  private IdleTimer sendTimer;
  private long callStartNanos;
  private long upstreamMillis = -1;
  private boolean done;

  UpstreamResponseLeg(ProxyExchange px, ClientRequest request, RequestBody body) {
    this.px = px;
    this.exchange = px.exchange;
    this.request = request;
    this.body = body;
  }

  void start() {
    RouteMatch match = px.upstream.match();
    Service s = match.service();
    UpstreamCall.Timeouts timeouts = new UpstreamCall.Timeouts(s.connectTimeout(), s.writeTimeout(),
        s.readTimeout(), s.retries());
    String preserved = match.route().preserveHost() ? exchange.getRequestHeaders().getFirst(Headers.HOST) : null;
    PluginContext ctx = px.ctx;
    destinations = Destinations.of(px.snapshot, s, preserved, px.runtime.balancer, new RequestFacts(ctx.request(),
        ctx.consumer() == null ? null : ctx.consumer().id(), ctx.credentialId(), match.captures()));
    call = new UpstreamCall(px.runtime.wiring, exchange.getIoThread(), destinations, request, body, timeouts, this);
    if (body.complete()) {
      watch = ClientWatch.start(exchange, px::clientLeft);
    }
    callStartNanos = System.nanoTime();
    call.start();
  }

  @Override
  public void requestSent(UpstreamCall c) {
    if (watch == null && !done) {
      watch = ClientWatch.start(exchange, px::clientLeft);
    }
  }

  @Override
  public void upstreamResponded(UpstreamCall c) {
    if (done) {
      return;
    }
    PluginContext ctx = px.ctx;
    ClientResponses.copy(c.response(), exchange, ctx.pendingResponseHeaders(), px.requestId,
        callStartNanos - px.startNanos, c.upstreamNanos());
    String cookie = destinations.setCookie();
    if (cookie != null) {
      exchange.getResponseHeaders().add(io.undertow.util.Headers.SET_COOKIE, cookie);
    }
    if (px.runtime.isDraining()) {
      exchange.setPersistent(false);
    }
    ctx.status(exchange.getStatusCode());
    ctx.proxied(true);
    upstreamMillis = TimeUnit.NANOSECONDS.toMillis(c.upstreamNanos());
    ctx.responseHeaders(exchange.getResponseHeaders());
    String type = exchange.getResponseHeaders().getFirst(Headers.CONTENT_TYPE);
    if (type != null && type.regionMatches(true, 0, "text/event-stream", 0, 17)) {
      px.response.streamOpened();
    }
    BodyObserver[] observers;
    BodyRewriter[] rewriters;
    try {
      observers = responsePhase(ctx);
      rewriters = c.responseChannel() == null ? null : BodyRewrite.rewriters(px.plugins(), ctx);
    } catch (RuntimeException e) {
      call.finish(false);
      stopWatching();
      done = true;
      Failures.unexpected(px, e);
      return;
    }
    if (c.switched()) { // the upstream accepted a WebSocket handshake: from here on a tunnel, not a response
      done = true;
      stopWatching();
      TunnelLeg.open(px, c, observers);
      return;
    }
    StreamSourceChannel source = c.responseChannel();
    if (rewriters != null) {
      WholeBodyRewriter[] held = BodyRewrite.held(rewriters, ctx);
      if (held != null) {
        rewrite(c, held, observers);
        return;
      }
      exchange.getResponseHeaders().remove(Headers.CONTENT_LENGTH); // the rewritten length is not known
    }
    sendTimer = new IdleTimer(exchange.getIoThread(), () -> clientLeft("client send timeout"));
    relay = new Relay(source, exchange.getResponseChannel(), px.runtime.wiring.buffers(),
        exchange.getIoThread(), this)
        .observers(observers)
        .rewriters(rewriters == null ? null : new BodyRewriters(rewriters))
        .sourceIdle(c.readTimer())
        .sinkStall(sendTimer, px.runtime.sendTimeoutMillis);
    relay.start(null); // the head goes out with the first body bytes, or alone at once if none are waiting
  }

  /** A body plugins rewrite whole: held (it is not a stream, see {@link BodyRewrite}), then sent with its length. */
  private void rewrite(UpstreamCall c, WholeBodyRewriter[] rewriters, BodyObserver[] observers) {
    c.readTimer().stop(); // the reader's own idle timer takes over, so a stall is a 504 rather than a broken body
    long readTimeout = px.upstream.match().service().readTimeout();
    BodyRewrite.run(exchange, px.ctx, c.responseChannel(), readTimeout, rewriters, observers,
        new BodyRewrite.Outcome() {
          @Override
          public void rewritten(long bytes, boolean clientOk) {
            if (done) {
              return;
            }
            done = true;
            call.finish(true);
            stopWatching();
            px.response.sent(bytes);
            px.client.streamed(call.streamedRequestBytes());
            px.finish(clientOk ? exchange.getStatusCode() : 499, clientOk ? null : "client closed");
          }

          @Override
          public void upstreamFailed(boolean stalled) {
            if (done) {
              return;
            }
            done = true;
            call.finish(false);
            stopWatching();
            exchange.getResponseHeaders().clear();
            Failures.answer(px, stalled ? ProxyFailure.UPSTREAM_TIMEOUT : ProxyFailure.INVALID_RESPONSE);
          }

          @Override
          public void rewriteFailed(RuntimeException e) {
            if (done) {
              return;
            }
            done = true;
            call.finish(true); // the upstream's body was whole: its connection may serve again
            stopWatching();
            exchange.getResponseHeaders().clear();
            Failures.unexpected(px, e);
          }
        });
  }

  private BodyObserver[] responsePhase(PluginContext ctx) {
    List<Plugin> plugins = px.plugins();
    if (plugins.isEmpty()) {
      return null;
    }
    List<BodyObserver> observers = null;
    for (Plugin p : plugins) {
      p.responseHeaders(ctx);
    }
    for (Plugin p : plugins) {
      BodyObserver o = p.observeBody(ctx);
      if (o != null) {
        if (observers == null) {
          observers = new ArrayList<>(2);
        }
        observers.add(o);
      }
    }
    return observers == null ? null : observers.toArray(new BodyObserver[0]);
  }

  @Override
  public void upstreamFailed(UpstreamCall c, ProxyFailure failure, Throwable cause) {
    if (done) {
      return;
    }
    done = true;
    stopWatching();
    if (failure == ProxyFailure.INVALID_RESPONSE) {
      LOG.log(System.Logger.Level.WARNING, "request " + px.requestId + " on route " + px.upstream.match().route().id()
          + ": invalid response from " + c.target() + ": " + describe(cause));
    }
    if (!c.responded()) {
      Failures.answer(px, failure);
      return;
    }
    // A read timeout mid-body: the client must see a broken response, not a complete-looking one.
    breakOff(failure.reason());
  }

  private static String describe(Throwable cause) {
    if (cause == null) {
      return "no detail";
    }
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }

  @Override
  public void clientBodyFailed(UpstreamCall c, IOException e) {
    if ((e instanceof MalformedMessageException || e instanceof BodyLimit.Exceeded) && !done && !c.responded()) {
      done = true; // the upstream saw a request cut short: it must not answer it on a pooled connection
      stopWatching();
      call.finish(false);
      px.bodyFailed(e);
      return;
    }
    clientLeft("client closed");
  }

  @Override
  public void sourceEnded(Relay r) {
    stopWatching();
  }

  @Override
  public void relayed(Relay r) {
    if (done) {
      return;
    }
    done = true;
    call.finish(true);
    sendTimer.cancel();
    count();
    exchange.endExchange();
    px.finish(exchange.getStatusCode(), null);
  }

  @Override
  public void sourceFailed(Relay r, IOException e) {
    if (done) {
      return;
    }
    done = true;
    stopWatching();
    breakOff("upstream broke off");
  }

  @Override
  public void sinkFailed(Relay r, IOException e) {
    clientLeft("client closed");
  }

  /** The client left: close the upstream connection at once, then the client's. */
  void clientLeft() {
    clientLeft("client closed");
  }

  private void clientLeft(String reason) {
    if (done) {
      return;
    }
    done = true;
    stopWatching();
    call.finish(false);
    stopRelay();
    boolean started = exchange.isResponseStarted();
    IoUtils.safeClose(exchange.getConnection());
    px.finish(started ? exchange.getStatusCode() : 499, reason);
  }

  private void breakOff(String reason) {
    call.finish(false);
    stopRelay();
    IoUtils.safeClose(exchange.getConnection());
    px.finish(exchange.getStatusCode(), reason);
  }

  private void stopRelay() {
    if (relay != null) {
      relay.abort();
      relay.endObservers(false);
    }
    if (sendTimer != null) {
      sendTimer.cancel();
    }
    count();
  }

  /** Body bytes relayed each way, for the log phase. */
  private void count() {
    px.response.sent(relay == null ? 0 : relay.bytes());
    px.client.streamed(call.streamedRequestBytes());
  }

  /** The gateway's own time before the upstream call, from the request's arrival. */
  long kongNanos() {
    return callStartNanos - px.startNanos;
  }

  /** From the upstream call to its response head; -1 when no response came. */
  long upstreamMillis() {
    return upstreamMillis;
  }

  /** The address of the last attempt, or null when none was made. */
  UpstreamAddress target() {
    return call.address();
  }

  private void stopWatching() {
    if (watch != null) {
      watch.stop();
    }
  }
}
