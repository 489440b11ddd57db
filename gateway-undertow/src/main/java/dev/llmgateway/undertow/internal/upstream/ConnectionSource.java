package dev.llmgateway.undertow.internal.upstream;

import dev.llmgateway.internal.balancer.Attempt;
import dev.llmgateway.internal.proxy.ProxyFailure;
import io.undertow.client.ClientRequest;
import io.undertow.util.Headers;
import java.util.function.IntFunction;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.XnioIoThread;

/**
 * Finds the connection for each attempt of one upstream call: the next destination, an idle pooled connection to
 * it or else a new one. A connect failure or timeout moves on to the next destination, up to the service's
 * retries ({@code retries} extra attempts, like Kong). Sets the request's {@code Host} for the destination chosen,
 * and tells the balancer how each connect went.
 */
final class ConnectionSource implements UpstreamConnector.Callback {
  /** Where the outcome goes, on the IO thread. */
  interface Receiver {
    void acquired(UpstreamConnection connection);

    void unavailable(ProxyFailure failure, Throwable cause);
  }

  private final UpstreamCall.Wiring wiring;
  private final XnioIoThread thread;
  private final IntFunction<Destination> destinations;
  private final ClientRequest request;
  private final int connectMillis;
  private final boolean freshAlways;
  private final Receiver receiver;
  private int attempt;
  private int retriesLeft;
  private UpstreamPool connecting;
  private Destination current;
  private boolean cancelled;

  ConnectionSource(UpstreamCall.Wiring wiring, XnioIoThread thread, IntFunction<Destination> destinations,
      ClientRequest request, int connectMillis, int retries, boolean freshAlways, Receiver receiver) {
    this.freshAlways = freshAlways;
    this.wiring = wiring;
    this.thread = thread;
    this.destinations = destinations;
    this.request = request;
    this.connectMillis = connectMillis;
    this.retriesLeft = retries;
    this.receiver = receiver;
  }

  /**
   * Acquires a connection for the next attempt; {@code freshOnly} (or {@code freshAlways}, given at construction)
   * skips idle pooled connections.
   */
  void next(boolean freshOnly) {
    Destination d = destinations.apply(attempt++);
    if (d == null) {
      receiver.unavailable(ProxyFailure.NO_TARGETS, null);
      return;
    }
    current = d;
    request.getRequestHeaders().put(Headers.HOST, d.hostHeader());
    UpstreamPool pool = wiring.pools().pool(thread, d.address());
    UpstreamConnection idle = freshOnly || freshAlways ? null : pool.take(System.nanoTime());
    if (idle != null) {
      receiver.acquired(idle);
    } else {
      connecting = pool;
      wiring.connector().connect(d.address(), attempt - 1, thread, connectMillis, this);
    }
  }

  /** The address of the current attempt, or null before the first. */
  UpstreamAddress address() {
    return current == null ? null : current.address();
  }

  /** The address of the current attempt, {@code host:port}; "none" before the first. */
  String target() {
    return current == null ? "none" : current.address().host() + ":" + current.address().port();
  }

  /** No more connections are wanted; one that is still being opened is closed when it arrives. */
  void cancel() {
    cancelled = true;
    if (current != null) {
      current.attempt().ended();
    }
  }

  /** The balancer's record of the try in progress ({@link Attempt#NONE} before the first). */
  Attempt attempt() {
    return current == null ? Attempt.NONE : current.attempt();
  }

  /** Whether the service's retries allow another try. */
  boolean canRetry() {
    return retriesLeft > 0;
  }

  /** Moves on to the next destination (the balancer avoids the ones tried), using up one retry. */
  void retry() {
    retriesLeft--;
    next(false);
  }

  @Override
  public void connected(StreamConnection connection) {
    if (cancelled) {
      IoUtils.safeClose(connection);
      return;
    }
    receiver.acquired(new UpstreamConnection(connection, connecting));
  }

  @Override
  public void failed(ProxyFailure failure, Throwable cause) {
    if (cancelled) {
      return;
    }
    boolean connectProblem = failure == ProxyFailure.UPSTREAM_UNREACHABLE || failure == ProxyFailure.UPSTREAM_TIMEOUT;
    if (connectProblem) {
      attempt().connectFailed(failure == ProxyFailure.UPSTREAM_TIMEOUT);
    }
    if (connectProblem && retriesLeft > 0) {
      retriesLeft--;
      next(false);
    } else {
      receiver.unavailable(failure, cause);
    }
  }
}
