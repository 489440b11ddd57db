package dev.llmgateway.undertow.internal.upstream;

import dev.llmgateway.internal.proxy.ProxyFailure;
import dev.llmgateway.undertow.embed.HostResolver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.xnio.ChannelListener;
import org.xnio.IoFuture;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/**
 * Opens upstream connections on a given IO thread, as bare XNIO stream connections for the gateway's own HTTP/1.1
 * codec: resolves names through the {@link HostResolver} (never on the IO thread), connects to the IP with
 * TCP_NODELAY (through {@link UpstreamTls} for {@code https}, the handshake then running with the first request's
 * bytes), and bounds resolution and connect by the connect timeout. A connect that finishes after its timeout is
 * closed at once.
 */
public final class UpstreamConnector {
  /** The outcome of one connect. Called on the IO thread passed to {@link #connect}. */
  interface Callback {
    void connected(StreamConnection connection);

    void failed(ProxyFailure failure, Throwable cause);
  }

  private final HostResolver resolver;
  private final Executor resolverThreads;
  private final UpstreamTls tls;
  private final OptionMap plainOptions;

  /** @param resolverThreads where the resolver is called (a worker pool: it may block) */
  public UpstreamConnector(HostResolver resolver, Executor resolverThreads, UpstreamTls tls) {
    this.resolver = resolver;
    this.resolverThreads = resolverThreads;
    this.tls = tls;
    this.plainOptions = OptionMap.create(Options.TCP_NODELAY, true);
  }

  /**
   * Connects to {@code address} on {@code thread}, which must be the calling thread; when the name has several
   * addresses, attempt {@code n} uses the n-th (round), so retries spread over them.
   */
  void connect(UpstreamAddress address, int attempt, XnioIoThread thread, int connectTimeoutMillis,
      Callback callback) {
    Attempt pending = new Attempt(address, thread, callback);
    pending.timer = thread.executeAfter(pending::timedOut, connectTimeoutMillis, TimeUnit.MILLISECONDS);
    InetAddress literal = literal(address.host());
    if (literal != null) {
      pending.open(literal);
      return;
    }
    resolverThreads.execute(() -> resolve(address.host()).whenComplete((addresses, error) -> thread.execute(() -> {
      if (error != null || addresses == null || addresses.isEmpty()) {
        pending.fail(ProxyFailure.NAME_RESOLUTION, error);
      } else {
        pending.open(addresses.get(Math.floorMod(attempt, addresses.size())));
      }
    })));
  }

  private CompletionStage<List<InetAddress>> resolve(String host) {
    try {
      return resolver.resolve(host);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The address of an IP literal without any lookup, or null for a name. */
  static InetAddress literal(String host) {
    boolean ipv6 = host.indexOf(':') >= 0;
    boolean ipv4 = !host.isEmpty() && host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    if (!ipv4 && !ipv6) {
      return null;
    }
    try {
      return InetAddress.getByName(ipv6 && !host.startsWith("[") ? "[" + host + "]" : host);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** One connect in progress; settles exactly once (connected, failed or timed out). */
  private final class Attempt implements ChannelListener<StreamConnection>,
      IoFuture.Notifier<StreamConnection, Void> {
    final UpstreamAddress address;
    final XnioIoThread thread;
    final Callback callback;
    XnioExecutor.Key timer;
    IoFuture<? extends StreamConnection> future;
    boolean settled;

    Attempt(UpstreamAddress address, XnioIoThread thread, Callback callback) {
      this.address = address;
      this.thread = thread;
      this.callback = callback;
    }

    void open(InetAddress ip) {
      if (settled) {
        return;
      }
      InetSocketAddress to = new InetSocketAddress(ip, address.port());
      if (address.tls()) {
        OptionMap options = OptionMap.builder().addAll(plainOptions)
            .set(Options.SSL_PEER_HOST_NAME, address.host()).set(Options.SSL_PEER_PORT, address.port()).getMap();
        future = tls.ssl(address.verify()).openSslConnection(thread, to, this, options);
      } else {
        future = thread.openStreamConnection(to, this, plainOptions);
      }
      future.addNotifier(this, null);
    }

    @Override
    public void handleEvent(StreamConnection connection) {
      if (settled) {
        IoUtils.safeClose(connection);
        return;
      }
      settled = true;
      timer.remove();
      callback.connected(connection);
    }

    @Override
    public void notify(IoFuture<? extends StreamConnection> done, Void attachment) {
      if (done.getStatus() == IoFuture.Status.FAILED) {
        fail(ProxyFailure.UPSTREAM_UNREACHABLE, done.getException());
      } // CANCELLED: only a timed-out attempt is cancelled, and it has settled already
    }

    void timedOut() {
      if (future != null) {
        future.cancel();
      }
      fail(ProxyFailure.UPSTREAM_TIMEOUT, null);
    }

    void fail(ProxyFailure failure, Throwable cause) {
      if (settled) {
        return;
      }
      settled = true;
      timer.remove();
      callback.failed(failure, cause);
    }
  }
}
