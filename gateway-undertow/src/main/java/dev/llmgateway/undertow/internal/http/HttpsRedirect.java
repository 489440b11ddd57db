package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.entity.Route;
import dev.llmgateway.internal.proxy.ProxyFailure;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;

/**
 * A route matched over a scheme it does not accept: an https-only route reached over http gets Kong's 426 (or the
 * redirect its {@code https_redirect_status_code} asks for); any other mismatch is no match at all.
 */
final class HttpsRedirect {
  private HttpsRedirect() {}

  static void answer(ProxyExchange px, Route route) {
    ExchangeRequest request = px.client.request();
    if (!"http".equals(request.scheme()) || !route.protocols().contains("https")) {
      px.fail(ProxyFailure.NO_ROUTE);
      return;
    }
    HeaderMap extra = new HeaderMap();
    int code = route.httpsRedirectStatusCode();
    if (code == 426) {
      extra.put(Headers.CONNECTION, "Upgrade");
      extra.put(Headers.UPGRADE, "TLS/1.2, HTTP/1.1");
      Failures.answer(px, ProxyFailure.HTTPS_REQUIRED, extra);
      return;
    }
    String query = px.exchange.getQueryString();
    String location = "https://" + request.host() + request.rawPath()
        + (query == null || query.isEmpty() ? "" : "?" + query);
    px.exchange.getResponseHeaders().put(Headers.LOCATION, location);
    OwnResponse.send(px.exchange, code, null, new byte[0], px.requestId, px.startNanos, null, null,
        () -> px.finish(code, null));
  }
}
