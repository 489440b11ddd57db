package dev.llmgateway.undertow.internal.http1;

import dev.llmgateway.internal.proxy.ProxyFailure;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.Connectors;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * The client leg's framing rules that Undertow's parser leaves open, applied before anything reads the body, as
 * nginx applies them: a transfer coding other than {@code chunked} is 501 (nginx implements no other), {@code
 * identity} or any coding on HTTP/1.0 is 400, a method that is not upper case is 400 and {@code TRACE} is 405;
 * {@code close} anywhere in {@code Connection} ends the connection after this request; and a chunked body is
 * decoded by {@link ChunkedDecoder} instead of Undertow's lenient reader. Undertow itself already refuses
 * Content-Length with Transfer-Encoding and repeated Content-Length or Transfer-Encoding fields.
 */
public final class RequestFraming {
  private static final int MAX_LENGTH_DIGITS = 18; // every 18-digit number fits a long

  private RequestFraming() {}

  /**
   * Checks the request head and prepares its body; returns the failure to answer with (the caller then closes
   * the connection after the answer), or null when the request may proceed.
   */
  public static ProxyFailure check(HttpServerExchange exchange) {
    if (!validContentLength(exchange.getRequestHeaders().get(Headers.CONTENT_LENGTH))) {
      return ProxyFailure.BAD_REQUEST;
    }
    if (exchange.isHttp11() || exchange.isHttp10()) { // HTTP/2 frames bodies itself
      ProxyFailure method = method(exchange.getRequestMethod());
      if (method != null) {
        return method;
      }
      closeWhenAsked(exchange);
      HeaderValues te = exchange.getRequestHeaders().get(Headers.TRANSFER_ENCODING);
      if (te != null) {
        return transferCoding(exchange, te);
      }
    }
    return null;
  }

  /** True when the request has no Content-Length, or one that is a whole number a long can hold. */
  public static boolean validContentLength(HeaderValues values) {
    if (values == null) {
      return true;
    }
    for (String v : values) {
      if (v.isEmpty() || v.length() > MAX_LENGTH_DIGITS) {
        return false;
      }
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c < '0' || c > '9') {
          return false;
        }
      }
    }
    return true;
  }

  private static ProxyFailure method(HttpString method) {
    for (int i = 0; i < method.length(); i++) {
      byte b = method.byteAt(i);
      if ((b < 'A' || b > 'Z') && b != '_' && b != '-') {
        return ProxyFailure.BAD_REQUEST; // methods are case-sensitive; nginx knows no lower-case one
      }
    }
    return method.equals(Methods.TRACE) ? ProxyFailure.METHOD_NOT_ALLOWED : null;
  }

  /** Undertow reads only the first Connection field, and only when it is exactly "close". */
  private static void closeWhenAsked(HttpServerExchange exchange) {
    HeaderValues connection = exchange.getRequestHeaders().get(Headers.CONNECTION);
    if (connection == null || !exchange.isPersistent()) {
      return;
    }
    for (String value : connection) {
      if (hasToken(value, "close")) {
        exchange.setPersistent(false);
        return;
      }
    }
  }

  /** Whether the comma-separated {@code list} holds {@code token} (any case, OWS around it); allocates nothing. */
  static boolean hasToken(String list, String token) {
    int n = list.length();
    int start = 0;
    while (start <= n) {
      int comma = list.indexOf(',', start);
      int end = comma < 0 ? n : comma;
      int from = start;
      int to = end;
      while (from < to && isOws(list.charAt(from))) {
        from++;
      }
      while (to > from && isOws(list.charAt(to - 1))) {
        to--;
      }
      if (to - from == token.length() && list.regionMatches(true, from, token, 0, token.length())) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }

  private static boolean isOws(char c) {
    return c == ' ' || c == '\t';
  }

  private static ProxyFailure transferCoding(HttpServerExchange exchange, HeaderValues te) {
    if (exchange.isHttp10()) {
      return ProxyFailure.BAD_REQUEST; // RFC 9112 §6.1: no Transfer-Encoding before HTTP/1.1
    }
    String coding = te.getFirst().trim();
    if (coding.equalsIgnoreCase("identity")) {
      return ProxyFailure.BAD_REQUEST; // a request body needs a length; identity gives none
    }
    if (!coding.equalsIgnoreCase("chunked")) {
      return ProxyFailure.UNSUPPORTED_TRANSFER_CODING;
    }
    if (exchange.getConnection() instanceof HttpServerConnection connection) {
      strictChunked(exchange, connection);
    }
    return null;
  }

  /** Replaces Undertow's chunked reader, which nothing has read from yet, by the strict one. */
  private static void strictChunked(HttpServerExchange exchange, HttpServerConnection connection) {
    ConduitStreamSourceChannel source = connection.getChannel().getSourceChannel();
    PooledByteBuffer already = connection.getExtraBytes();
    connection.setExtraBytes(null);
    source.setConduit(new ChunkedSourceConduit(connection.getOriginalSourceConduit(), already,
        connection.getByteBufferPool(), leftover -> {
          if (leftover != null) {
            connection.ungetRequestBytes(leftover); // a pipelined request: Undertow parses it next
          }
          Connectors.terminateRequest(exchange);
        }));
  }
}
