package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.internal.proxy.ProxyHeaderRules;
import dev.llmgateway.undertow.internal.http1.ResponseHead;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Turns the upstream's response head into the client's, as Kong 3.10 does: status and end-to-end headers
 * ({@code Content-Length} kept, so fixed-length bodies pass through unchanged), our {@code Via} appended, the
 * upstream's {@code Server} kept (ours when it has none), the latency headers and the request id.
 */
final class ClientResponses {
  static final HttpString UPSTREAM_LATENCY = new HttpString("X-Kong-Upstream-Latency");
  static final HttpString PROXY_LATENCY = new HttpString("X-Kong-Proxy-Latency");

  private ClientResponses() {}

  /**
   * @param pending headers plugins set during access (may be null); they win over the upstream's
   */
  static void copy(ResponseHead upstream, HttpServerExchange exchange, HeaderMap pending, String requestId,
      long proxyNanos, long upstreamNanos) {
    exchange.setStatusCode(upstream.status());
    HeaderMap from = upstream.headers();
    HeaderMap to = exchange.getResponseHeaders();
    HopByHop.copy(from, to, Set.of(), false);
    to.put(Headers.VIA, ProxyHeaderRules.appendVia(from.getFirst(Headers.VIA), ProxyHeaderRules.VIA_1_1));
    if (!to.contains(Headers.SERVER)) {
      to.put(Headers.SERVER, ProxyHeaderRules.SERVER);
    }
    to.put(UPSTREAM_LATENCY, TimeUnit.NANOSECONDS.toMillis(upstreamNanos));
    to.put(PROXY_LATENCY, TimeUnit.NANOSECONDS.toMillis(proxyNanos));
    to.put(OwnResponse.REQUEST_ID, requestId);
    if (pending != null) {
      for (HeaderValues values : pending) {
        to.putAll(values.getHeaderName(), values);
      }
    }
  }
}
