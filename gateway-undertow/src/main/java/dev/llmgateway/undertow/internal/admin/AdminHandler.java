package dev.llmgateway.undertow.internal.admin;

import dev.llmgateway.internal.admin.AdminApi;
import dev.llmgateway.internal.admin.AdminRequest;
import dev.llmgateway.internal.admin.AdminResponse;
import dev.llmgateway.internal.proxy.ProxyFailure;
import dev.llmgateway.undertow.internal.http1.RequestFraming;
import dev.llmgateway.undertow.internal.upstream.IdleTimer;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Serves an {@link AdminApi} on an Undertow listener. The body is read with Undertow's non-blocking receiver on
 * the IO thread (up to the API's size limit; a larger body is drained and answered 413, a much larger one refused
 * at once); the API runs on a worker thread; a write's response is sent from the IO thread once the config writer
 * has made it durable. Adds Kong's {@code X-Kong-Admin-Latency}.
 */
public final class AdminHandler implements HttpHandler {
  /** How far past the limit a body is still drained so the client can read the 413; beyond, the connection closes. */
  private static final long DRAIN_ALLOWANCE = 64L << 20;

  private final AdminApi api;
  private final long bodyTimeoutMillis;

  /** Serves {@code api}; a client that sends no byte of its request body for 60 s gets a 408, as on the proxy. */
  public AdminHandler(AdminApi api) {
    this(api, Duration.ofSeconds(60));
  }

  /** @param bodyTimeout how long a client may send no byte of a request body before its 408 */
  public AdminHandler(AdminApi api, Duration bodyTimeout) {
    this.api = Objects.requireNonNull(api, "api");
    this.bodyTimeoutMillis = bodyTimeout.toMillis();
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    long started = System.nanoTime();
    ProxyFailure framing = RequestFraming.check(exchange);
    if (framing != null) {
      exchange.setPersistent(false);
      send(exchange, AdminResponse.json(framing.status(), Map.of("message", framing.message())), started);
      return;
    }
    long limit = api.maxBodyBytes();
    long declared = exchange.getRequestContentLength();
    if (declared > limit + DRAIN_ALLOWANCE) {
      exchange.setPersistent(false);
      send(exchange, AdminApi.payloadTooLarge(), started);
      return;
    }
    // Undertow's own entity limit (2 MiB by default) would cut the connection; the API's limit governs instead.
    exchange.setMaxEntitySize(limit + DRAIN_ALLOWANCE + 1);
    BodyCollector body = new BodyCollector(limit, limit + DRAIN_ALLOWANCE);
    BodyStall stall = new BodyStall(exchange, started);
    exchange.getRequestReceiver().receivePartialBytes((ex, bytes, last) -> {
      if (stall.answered) {
        return;
      }
      stall.timer.touch();
      body.add(bytes);
      if (body.overflowed()) {
        stall.timer.cancel();
        ex.setPersistent(false);
        send(ex, AdminApi.payloadTooLarge(), started);
      } else if (last) {
        stall.timer.cancel();
        received(ex, body, started);
      }
    }, (ex, error) -> {
      stall.timer.cancel();
      if (stall.answered) {
        return;
      }
      ex.setPersistent(false);
      ex.setStatusCode(400);
      ex.endExchange();
    });
  }

  /** nginx's {@code client_body_timeout} for the Admin API: a body that stops arriving gets a 408. */
  private final class BodyStall {
    final IdleTimer timer;
    boolean answered;

    BodyStall(HttpServerExchange exchange, long started) {
      timer = new IdleTimer(exchange.getIoThread(), () -> {
        answered = true;
        exchange.setPersistent(false); // the rest of the body may still come: it must not be read as a request
        send(exchange, AdminResponse.json(408, Map.of("message", "Request timeout")), started);
      });
      timer.start(bodyTimeoutMillis);
    }
  }

  private void received(HttpServerExchange exchange, BodyCollector body, long started) {
    if (body.tooLarge()) {
      send(exchange, AdminApi.payloadTooLarge(), started);
      return;
    }
    AdminRequest request = new AdminRequest(exchange.getRequestMethod().toString(), rawPath(exchange),
        exchange.getQueryString(), headers(exchange), body.bytes());
    exchange.dispatch(exchange.getConnection().getWorker(), () -> api.handle(request).whenComplete(
        (response, error) -> exchange.getIoThread().execute(() -> send(exchange, response, started))));
  }

  /** The path as the client sent it, still percent-encoded (the API decodes segments itself). */
  private static String rawPath(HttpServerExchange exchange) {
    String uri = exchange.getRequestURI();
    if (!uri.startsWith("/")) {
      int scheme = uri.indexOf("://");
      int slash = scheme < 0 ? -1 : uri.indexOf('/', scheme + 3);
      uri = slash < 0 ? "/" : uri.substring(slash);
    }
    return uri;
  }

  private static Map<String, List<String>> headers(HttpServerExchange exchange) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (HeaderValues values : exchange.getRequestHeaders()) {
      out.put(values.getHeaderName().toString(), new ArrayList<>(values));
    }
    return out;
  }

  private static void send(HttpServerExchange exchange, AdminResponse response, long started) {
    if (exchange.isResponseStarted()) {
      return;
    }
    exchange.setStatusCode(response.status());
    for (Map.Entry<String, String> h : response.headers()) {
      exchange.getResponseHeaders().add(HttpString.tryFromString(h.getKey()), h.getValue());
    }
    long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    exchange.getResponseHeaders().put(HttpString.tryFromString("X-Kong-Admin-Latency"), latency);
    byte[] body = response.body();
    if (body.length == 0) {
      exchange.endExchange();
      return;
    }
    exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
    if (exchange.getRequestMethod().equalToString("HEAD")) {
      exchange.endExchange();
    } else {
      exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }
  }

  /** The body bytes up to the limit; past it only counts (draining) until the hard stop. */
  private static final class BodyCollector {
    private final long limit;
    private final long hardStop;
    private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    private long total;

    BodyCollector(long limit, long hardStop) {
      this.limit = limit;
      this.hardStop = hardStop;
    }

    void add(byte[] chunk) {
      total += chunk.length;
      if (total <= limit) {
        bytes.write(chunk, 0, chunk.length);
      }
    }

    boolean tooLarge() {
      return total > limit;
    }

    boolean overflowed() {
      return total > hardStop;
    }

    byte[] bytes() {
      return bytes.toByteArray();
    }
  }
}
