package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.entity.Service;
import dev.llmgateway.plugin.BodyObserver;
import dev.llmgateway.undertow.internal.upstream.BodyObservers;
import dev.llmgateway.undertow.internal.upstream.SwitchedConnection;
import dev.llmgateway.undertow.internal.upstream.UpstreamCall;
import dev.llmgateway.undertow.internal.websocket.Tunnel;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.HttpUpgradeListener;
import io.undertow.server.ServerConnection;
import io.undertow.util.Headers;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;

/**
 * A WebSocket handshake the upstream accepted with {@code 101}: the client gets the 101 with the upstream's headers
 * (as {@link ClientResponses} made them, plus {@code Upgrade}), then the two connections become a {@link Tunnel}.
 * The request is logged when the tunnel closes, with status 101 and the bytes relayed each way.
 */
final class TunnelLeg implements HttpUpgradeListener, Tunnel.Events, ServerConnection.CloseListener {
  private final ProxyExchange px;
  private final SwitchedConnection upstream;
  private Tunnel tunnel;
  private boolean ended;

  private TunnelLeg(ProxyExchange px, SwitchedConnection upstream) {
    this.px = px;
    this.upstream = upstream;
  }

  /** Answers the client's handshake with the upstream's 101 (already copied onto the exchange) and tunnels. */
  static void open(ProxyExchange px, UpstreamCall call, BodyObserver[] observers) {
    new BodyObservers(observers).end(true); // a 101 has no body; what follows is not HTTP
    TunnelLeg leg = new TunnelLeg(px, call.takeSwitched());
    HttpServerExchange exchange = px.exchange;
    exchange.getResponseHeaders().put(Headers.UPGRADE, call.response().headers().getFirst(Headers.UPGRADE));
    exchange.setPersistent(true); // even while draining: the connection is handed over, not reused for HTTP
    exchange.getConnection().addCloseListener(leg);
    exchange.upgradeChannel(leg);
    exchange.endExchange();
  }

  /** The 101 went out: Undertow hands over the client's connection. */
  @Override
  public void handleUpgrade(StreamConnection client, HttpServerExchange exchange) {
    if (ended) {
      IoUtils.safeClose(client);
      return;
    }
    Service s = px.upstream.match().service();
    tunnel = new Tunnel(client, upstream, px.runtime.wiring.buffers(),
        new Tunnel.Timeouts(s.readTimeout(), s.writeTimeout(), px.runtime.sendTimeoutMillis), this);
    px.runtime.tunnels.add(tunnel);
    tunnel.start();
  }

  /** The client's connection closed; before the tunnel started, this is the only news of it. */
  @Override
  public void closed(ServerConnection connection) {
    if (tunnel == null && !ended) {
      ended = true;
      IoUtils.safeClose(upstream.connection());
      px.finish(499, "client closed");
    }
  }

  @Override
  public void closed(Tunnel t, String failure) {
    if (ended) {
      return;
    }
    ended = true;
    px.runtime.tunnels.remove(t);
    px.response.sent(t.bytesToClient());
    px.client.streamed(t.bytesFromClient());
    px.finish(101, failure);
  }
}
