package dev.llmgateway.undertow.internal;

import dev.llmgateway.undertow.internal.http1.KongBadRequest;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.server.ConnectorStatistics;
import io.undertow.server.HttpHandler;
import io.undertow.server.OpenListener;
import io.undertow.server.protocol.http.AlpnOpenListener;
import io.undertow.server.protocol.http.HttpOpenListener;
import io.undertow.server.protocol.http2.Http2OpenListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

/**
 * The listening sockets of one kind (proxy, TLS proxy, admin), opened on the shared XNIO worker; each knows its
 * bound address (port 0 becomes the real port) and can stop accepting on its own, which is how drain begins.
 */
final class ListenerSet {
  /** The most bytes a request line and headers may take together (nginx: 4 buffers of 8 KiB). */
  static final int MAX_HEAD_BYTES = 32 * 1024;
  /** The most header fields a request may have. */
  static final int MAX_HEADER_FIELDS = 100;

  private final List<AcceptingChannel<? extends StreamConnection>> channels = new ArrayList<>();
  private final List<InetSocketAddress> addresses = new ArrayList<>();
  private final List<ConnectorStatistics> statistics = new ArrayList<>();
  private final LongAdder accepted = new LongAdder();
  private final boolean countRequests;
  private final int headerTimeoutMillis;

  /**
   * @param countRequests whether listeners keep Undertow's connector statistics (a small per-request cost)
   * @param headerTimeoutMillis how long a request's line and headers may take to arrive
   */
  ListenerSet(boolean countRequests, int headerTimeoutMillis) {
    this.countRequests = countRequests;
    this.headerTimeoutMillis = headerTimeoutMillis;
  }

  static OptionMap socketOptions() {
    return OptionMap.builder().set(Options.TCP_NODELAY, true).set(Options.REUSE_ADDRESSES, true)
        .set(Options.BACKLOG, 1024).getMap();
  }

  OptionMap serverOptions(boolean http2) {
    return OptionMap.builder()
        .set(UndertowOptions.ENABLE_STATISTICS, countRequests)
        .set(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000) // idle keep-alive client connections, like nginx
        .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, headerTimeoutMillis) // nginx's client_header_timeout
        .set(UndertowOptions.MAX_ENTITY_SIZE, -1L) // Kong's client_max_body_size 0: no limit
        .set(UndertowOptions.MAX_HEADER_SIZE, MAX_HEAD_BYTES) // nginx's large_client_header_buffers 4 8k
        .set(UndertowOptions.MAX_HEADERS, MAX_HEADER_FIELDS)
        .set(UndertowOptions.DECODE_URL, false) // routing normalises the raw path itself, once
        .set(UndertowOptions.ENABLE_HTTP2, http2)
        .getMap();
  }

  /** Opens plain HTTP/1.1 listeners serving {@code handler}. */
  void openHttp(XnioWorker worker, ByteBufferPool buffers, List<InetSocketAddress> at, HttpHandler handler)
      throws IOException {
    for (InetSocketAddress address : at) {
      HttpOpenListener open = new HttpOpenListener(buffers, serverOptions(false));
      open.setRootHandler(disarming(handler));
      statistics.add(open.getConnectorStatistics());
      bind(worker.createStreamConnectionServer(address, ChannelListeners.openListenerAdapter(counted(open)),
          socketOptions()));
    }
  }

  /** Opens TLS listeners with HTTP/2 offered through ALPN and HTTP/1.1 as the fallback. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  void openTls(Xnio xnio, XnioWorker worker, ByteBufferPool buffers, List<InetSocketAddress> at,
      SSLContext context, HttpHandler handler) throws IOException {
    UndertowXnioSsl ssl = new UndertowXnioSsl(xnio, OptionMap.create(Options.USE_DIRECT_BUFFERS, true), context);
    for (InetSocketAddress address : at) {
      HttpOpenListener http1 = new HttpOpenListener(buffers, serverOptions(true));
      http1.setRootHandler(disarming(handler));
      Http2OpenListener http2 = new Http2OpenListener(buffers, serverOptions(true));
      http2.setRootHandler(handler);
      AlpnOpenListener alpn = new AlpnOpenListener(buffers, serverOptions(true), http1);
      alpn.addProtocol(Http2OpenListener.HTTP2, http2, 10);
      statistics.add(http1.getConnectorStatistics());
      statistics.add(http2.getConnectorStatistics());
      ChannelListener accept = ChannelListeners.openListenerAdapter(counted(alpn));
      bind(ssl.createSslConnectionServer(worker, address, accept, socketOptions()));
    }
  }

  /** Counts each accepted connection (Undertow's statistics count open ones only), then hands it on. */
  private ChannelListener<StreamConnection> counted(OpenListener open) {
    return connection -> {
      accepted.increment();
      KongBadRequest.install(connection);
      open.handleEvent(connection);
    };
  }

  /** Tells the connection's {@link KongBadRequest} when an exchange is in progress. */
  private static HttpHandler disarming(HttpHandler handler) {
    return exchange -> {
      KongBadRequest.exchangeStarted(exchange);
      handler.handleRequest(exchange);
    };
  }

  private void bind(AcceptingChannel<? extends StreamConnection> server) {
    server.resumeAccepts();
    channels.add(server);
    addresses.add(server.getLocalAddress(InetSocketAddress.class));
  }

  List<InetSocketAddress> addresses() {
    return List.copyOf(addresses);
  }

  /** Undertow's connector statistics of every listener (entries are null when counting is off). */
  List<ConnectorStatistics> statistics() {
    return java.util.Collections.unmodifiableList(new ArrayList<>(statistics));
  }

  /** Connections accepted since start. */
  long accepted() {
    return accepted.sum();
  }

  /** Stops accepting; open connections are untouched. */
  void close() {
    for (AcceptingChannel<? extends StreamConnection> c : channels) {
      IoUtils.safeClose(c);
    }
    channels.clear();
  }
}
