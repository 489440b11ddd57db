package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.internal.config.ConfigSnapshot;
import dev.llmgateway.entity.Route;
import dev.llmgateway.internal.pipeline.AccessRun;
import dev.llmgateway.internal.pipeline.PluginPlan;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.Verdict;
import dev.llmgateway.internal.proxy.ProxyFailure;
import dev.llmgateway.internal.proxy.RequestIds;
import dev.llmgateway.internal.route.PathNormalizer;
import dev.llmgateway.internal.route.RouteMatch;
import dev.llmgateway.undertow.internal.http1.MalformedMessageException;
import dev.llmgateway.undertow.internal.http1.RequestFraming;
import dev.llmgateway.undertow.internal.upstream.RequestBody;
import dev.llmgateway.undertow.internal.websocket.WebSocketHandshake;
import io.undertow.client.ClientRequest;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * One proxied request from arrival to its end, on its IO thread: normalise and route, run the access phase, read
 * what must be read of the body ({@link RequestBodies}), then hand over to the {@link UpstreamResponseLeg}.
 * Answers Kong's errors itself. Its state lives in four legs: the {@link ClientRequestLeg}, the {@link
 * UpstreamRequestLeg}, the {@link UpstreamResponseLeg} (once the upstream is called) and the {@link
 * ClientResponseLeg}; when it ends, a {@link RequestOutcome} built from them goes to the {@link LogPhase}. Uses
 * the config snapshot current at its arrival throughout.
 */
final class ProxyExchange implements Runnable, AccessRun.Host {
  final ProxyRuntime runtime;
  final HttpServerExchange exchange;
  final ConfigSnapshot snapshot;
  final long startNanos;
  final long startMillis;
  final String requestId;
  final ClientRequestLeg client;
  final UpstreamRequestLeg upstream = new UpstreamRequestLeg();
  final ClientResponseLeg response;
  /** What plugins see and change; null until a route with a service matched. */
  PluginContext ctx;
  private AccessRun access;
  private UpstreamResponseLeg upstreamResponse;
  private long accessStartNanos;
  private XnioExecutor.Key accessTimer;
  private ClientWatch accessWatch;

  ProxyExchange(ProxyRuntime runtime, HttpServerExchange exchange, ConfigSnapshot snapshot, long startNanos) {
    this.runtime = runtime;
    this.exchange = exchange;
    this.snapshot = snapshot;
    this.startNanos = startNanos;
    this.startMillis = System.currentTimeMillis();
    this.requestId = RequestIds.next();
    this.client = new ClientRequestLeg(exchange);
    this.response = new ClientResponseLeg(runtime);
    runtime.started();
  }

  @Override
  public void run() {
    try {
      route();
    } catch (RuntimeException e) {
      Failures.unexpected(this, e);
    }
  }

  private void route() {
    ProxyFailure framing = RequestFraming.check(exchange);
    if (framing != null) {
      exchange.setPersistent(false); // what follows this head cannot be trusted to be a request of its own
      fail(framing);
      return;
    }
    if (exchange.getRequestMethod().equals(Methods.CONNECT)) {
      exchange.setPersistent(false);
      fail(ProxyFailure.METHOD_NOT_ALLOWED);
      return;
    }
    String raw = RequestTarget.rawPath(exchange);
    String path = raw == null ? null : normalize(raw);
    if (path == null) {
      fail(ProxyFailure.BAD_REQUEST);
      return;
    }
    ExchangeRequest request = client.parsed(raw, path, runtime.trustedProxies);
    RouteMatch match = snapshot.router().match(request);
    upstream.routed(match);
    if (match == null) {
      fail(ProxyFailure.NO_ROUTE);
      return;
    }
    Route route = match.route();
    if (!route.protocols().contains(request.scheme())) {
      HttpsRedirect.answer(this, route);
      return;
    }
    if (match.service() == null) {
      fail(ProxyFailure.NO_SERVICE);
      return;
    }
    ctx = new PluginContext(request, route, match.service(), snapshot, requestId);
    ctx.upstreamHeaders(upstream.start(exchange, runtime.underscoresInHeaders));
    PluginPlan plan = snapshot.plan(route);
    if (plan.bodyLimit() > 0 && client.hasBody()) {
      RequestBodies.forPlugins(this, plan.bodyLimit(), () -> runAccess(plan));
    } else {
      runAccess(plan);
    }
  }

  private static String normalize(String raw) {
    try {
      return PathNormalizer.normalize(raw);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private void runAccess(PluginPlan plan) {
    if (plan.isEmpty()) {
      proceed();
      return;
    }
    access = new AccessRun(plan, ctx, this);
    accessStartNanos = System.nanoTime();
    access.start();
  }

  /**
   * The access phase waits on a plugin: bound the whole phase by the runtime's limit (counted from its start,
   * armed at the first wait, so runs that never wait cost nothing) and watch the client meanwhile. The client is
   * watched only when no request body is left unread, as the response leg does: its bytes would look like a
   * next request.
   */
  @Override
  public void paused() {
    if (accessTimer != null || response.ended()) {
      return;
    }
    long remaining = Math.max(0, runtime.accessTimeoutNanos - (System.nanoTime() - accessStartNanos));
    accessTimer = exchange.getIoThread().executeAfter(this::accessTimedOut, remaining, TimeUnit.NANOSECONDS);
    if (!client.hasBody() || ctx.requestBody() != null) {
      accessWatch = ClientWatch.start(exchange, this::clientLeftDuringAccess);
    }
  }

  private void accessTimedOut() {
    accessTimer = null;
    if (response.ended()) {
      return;
    }
    access.abandon();
    endAccessWait();
    Failures.accessTimedOut(this, access.current());
  }

  private void clientLeftDuringAccess() {
    accessWatch = null;
    access.abandon();
    endAccessWait();
    clientLeft();
  }

  /** The access phase ended (or was given up): no more time limit, no more watching from here. */
  private void endAccessWait() {
    if (accessTimer != null) {
      accessTimer.remove();
      accessTimer = null;
    }
    if (accessWatch != null) {
      accessWatch.stop(); // before the response leg starts a watch of its own
      accessWatch = null;
    }
  }

  @Override
  public void proceed() {
    endAccessWait();
    if (response.ended()) {
      return;
    }
    byte[] replaced = ctx.replacedBody();
    if (replaced != null || ctx.requestBody() != null) {
      byte[] body = replaced != null ? replaced : ctx.requestBody();
      callUpstream(new RequestBody(ByteBuffer.wrap(body), null), body.length);
    } else if (!client.hasBody()) {
      callUpstream(RequestBody.NONE, 0);
    } else {
      if (ctx.bodyLimit() != null) {
        ctx.bodyLimit().install(exchange);
      }
      RequestBodies.forUpstream(this);
    }
  }

  /** Sends the request upstream with this body; {@code length} is its length when known (or -1). */
  void callUpstream(RequestBody body, long length) {
    if (response.ended()) {
      return;
    }
    client.held(body.held() == null ? 0 : body.held().remaining());
    ClientRequest request = upstream.complete(ctx, client.request(), requestId, body.complete() ? length
        : (exchange.getRequestContentLength() >= 0 ? exchange.getRequestContentLength() : -1));
    if (WebSocketHandshake.requested(exchange)) {
      WebSocketHandshake.forward(request); // a 101 then turns the leg into a tunnel (see TunnelLeg)
    }
    upstreamResponse = new UpstreamResponseLeg(this, request, body);
    upstreamResponse.start();
  }

  @Override
  public void respond(Verdict verdict) {
    endAccessWait();
    Failures.respond(this, verdict);
  }

  @Override
  public void fail(Throwable error) {
    endAccessWait();
    Failures.unexpected(this, error);
  }

  @Override
  public Executor worker() {
    return runtime.worker;
  }

  @Override
  public Executor requestThread() {
    return exchange.getIoThread();
  }

  /**
   * The plugins of the later phases: those whose access phase ran, and, when one of them answered, those of the
   * slots never reached (chosen with the consumer known by then), so that logging plugins see refused requests too.
   */
  List<Plugin> plugins() {
    if (access == null) {
      return List.of();
    }
    PluginPlan plan = snapshot.plan(upstream.match().route());
    int reached = access.slotsReached();
    if (reached >= plan.size()) {
      return access.plugins();
    }
    List<Plugin> all = new ArrayList<>(access.plugins());
    java.util.UUID consumer = ctx.consumer() == null ? null : ctx.consumer().id();
    for (int i = reached; i < plan.size(); i++) {
      Plugin p = plan.select(i, consumer, client.scheme());
      if (p != null) {
        all.add(p);
      }
    }
    return all;
  }

  /** Answers with Kong's error for {@code failure}. */
  void fail(ProxyFailure failure) {
    Failures.answer(this, failure);
  }

  /**
   * Reading the request body failed: a body past a plugin's cap gets that plugin's error, a body whose framing is
   * broken gets a 400 (the connection then closes either way); anything else means the client is gone.
   */
  void bodyFailed(IOException e) {
    if (e instanceof BodyLimit.Exceeded exceeded) {
      exchange.setPersistent(false); // the rest of the body is never read
      BodyLimit limit = exceeded.limit();
      Failures.respond(this, Verdict.error(limit.status(), limit.message()));
      return;
    }
    if (e instanceof MalformedMessageException) {
      exchange.setPersistent(false);
      fail(ProxyFailure.BAD_REQUEST);
    } else {
      clientLeft();
    }
  }

  /** The client is gone: stop the upstream at once and record the request. */
  void clientLeft() {
    if (response.ended()) {
      return;
    }
    if (upstreamResponse != null) {
      upstreamResponse.clientLeft();
      return;
    }
    IoUtils.safeClose(exchange.getConnection());
    finish(exchange.isResponseStarted() ? exchange.getStatusCode() : 499, "client closed");
  }

  /** Ends the request's bookkeeping once: in-flight count, then its outcome to the log phase. */
  void finish(int status, String failure) {
    if (!response.end()) {
      return;
    }
    endAccessWait();
    runtime.ended();
    LogPhase.run(runtime, ctx, plugins(), exchange.getResponseHeaders(), outcome(status, failure));
  }

  /** The request's outcome, read from its legs once, at its end. */
  private RequestOutcome outcome(int status, String failure) {
    long totalMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    UpstreamResponseLeg up = upstreamResponse;
    RouteMatch match = upstream.match();
    // The client's address costs an allocation; only the access log line wants it.
    String clientIp = runtime.accessLog == null ? null : client.clientIp();
    return new RequestOutcome(startMillis, status, failure, totalMillis,
        up == null ? totalMillis : TimeUnit.NANOSECONDS.toMillis(up.kongNanos()),
        up == null ? -1 : up.upstreamMillis(), client.bodyBytes(), response.bytesSent(), upstream.uri(),
        up == null ? null : up.target(), exchange.getRequestMethod().toString(), client.rawPath(), clientIp,
        match == null ? null : match.route(), match == null ? null : match.service(),
        ctx == null ? null : ctx.consumer(), requestId, ctx == null ? null : LlmLogging.stats(ctx));
  }

  boolean isFinished() {
    return response.ended();
  }
}
