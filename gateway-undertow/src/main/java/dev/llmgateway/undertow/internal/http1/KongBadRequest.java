package dev.llmgateway.undertow.internal.http1;

import dev.llmgateway.internal.proxy.ErrorBody;
import dev.llmgateway.internal.proxy.ErrorFormat;
import dev.llmgateway.internal.proxy.ProxyHeaderRules;
import dev.llmgateway.internal.proxy.RequestIds;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.xnio.StreamConnection;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.StreamSinkConduit;

/**
 * Sits under Undertow's HTTP/1.1 connection and gives the requests Undertow refuses before the gateway sees them
 * (bad characters, a bad or repeated Host, heads over the limits, repeated framing fields) Kong's error body
 * instead of a bare {@code 400} with no body. Those answers are the only responses written while no exchange has
 * reached the gateway's handler, so the replacement is armed only then: a response the gateway relays, whatever
 * bytes it holds, passes untouched.
 */
public final class KongBadRequest extends AbstractStreamSinkConduit<StreamSinkConduit>
    implements ExchangeCompletionListener {
  /**
   * How both of Undertow's refusals begin: the parser's fixed answer and its Host check's ("HTTP/1.1 400 Only One
   * Host Header Allowed", with {@code Content-Length: 0} and {@code Connection: close}), each written whole.
   */
  private static final byte[] UNDERTOW_400 = "HTTP/1.1 400 ".getBytes(StandardCharsets.US_ASCII);

  private volatile boolean inExchange;
  private ByteBuffer replacement; // our answer, while it is still being written

  private KongBadRequest(StreamSinkConduit next) {
    super(next);
  }

  /** Installs the conduit on a connection just accepted, before Undertow wraps it. */
  public static void install(StreamConnection connection) {
    connection.getSinkChannel().setConduit(new KongBadRequest(connection.getSinkChannel().getConduit()));
  }

  /**
   * Takes the conduit out of a connection that stopped speaking HTTP (a WebSocket tunnel): whatever it carries from
   * now on is relayed bytes, never one of Undertow's refusals. A no-op on other connections.
   */
  public static void remove(StreamConnection connection) {
    if (connection.getSinkChannel().getConduit() instanceof KongBadRequest conduit) {
      connection.getSinkChannel().setConduit(conduit.next);
    }
  }

  /** Disarms the connection's conduit for the length of {@code exchange}; a no-op on other connections. */
  public static void exchangeStarted(HttpServerExchange exchange) {
    if (exchange.getConnection() instanceof HttpServerConnection c
        && c.getOriginalSinkConduit() instanceof KongBadRequest conduit) {
      conduit.inExchange = true;
      exchange.addExchangeCompleteListener(conduit);
    }
  }

  @Override
  public void exchangeEvent(HttpServerExchange exchange, NextListener next) {
    inExchange = false;
    next.proceed();
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    if (!inExchange && replacement == null && startsWithUndertow400(src)) {
      int refused = src.remaining(); // the whole bodiless answer: it is dropped for ours
      src.position(src.limit());
      replacement = ByteBuffer.wrap(answer());
      next.write(replacement);
      return refused;
    }
    return next.write(src);
  }

  @Override
  public boolean flush() throws IOException {
    if (replacement != null && replacement.hasRemaining()) {
      next.write(replacement);
      if (replacement.hasRemaining()) {
        return false;
      }
    }
    return next.flush();
  }

  private static boolean startsWithUndertow400(ByteBuffer src) {
    if (src.remaining() < UNDERTOW_400.length) {
      return false;
    }
    int p = src.position();
    for (int i = 0; i < UNDERTOW_400.length; i++) {
      if (src.get(p + i) != UNDERTOW_400[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] answer() {
    String requestId = RequestIds.next();
    ErrorBody body = ErrorBody.render(ErrorFormat.JSON, "Bad request", requestId);
    String head = "HTTP/1.1 400 Bad Request\r\nContent-Type: " + body.contentType() + "\r\nContent-Length: "
        + body.bytes().length + "\r\nServer: " + ProxyHeaderRules.SERVER + "\r\nX-Kong-Request-Id: " + requestId
        + "\r\nConnection: close\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[h.length + body.bytes().length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body.bytes(), 0, all, h.length, body.bytes().length);
    return all;
  }
}
