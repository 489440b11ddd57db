package dev.llmgateway.undertow.internal.http1;

import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

/**
 * The upstream leg's framing rules (RFC 9112 §6.3), checked on each final response head before a byte of it
 * reaches the client (interim 1xx heads are skipped before this). A switching response the gateway did not ask
 * for, two lengths, a length beside a transfer coding, or a coding other than {@code chunked} make the response
 * invalid: the client gets a 502 and the connection is closed, since where this response ends (and the next
 * begins) is unknown.
 */
public final class ResponseFraming {
  private ResponseFraming() {}

  /** What is wrong with this response head, or null when its framing is sound. */
  public static String problem(int status, HeaderMap headers) {
    if (status < 200) {
      return status == 101 ? "101 Switching Protocols to a request that asked for no upgrade"
          : "interim " + status + " response taken for the final one";
    }
    HeaderValues te = headers.get(Headers.TRANSFER_ENCODING);
    HeaderValues cl = headers.get(Headers.CONTENT_LENGTH);
    if (te != null) {
      if (cl != null) {
        return "both Transfer-Encoding and Content-Length";
      }
      if (te.size() != 1 || !te.getFirst().trim().equalsIgnoreCase("chunked")) {
        return "a transfer coding other than chunked";
      }
    }
    if (cl != null && (cl.size() != 1 || !RequestFraming.validContentLength(cl))) {
      return cl.size() != 1 ? "more than one Content-Length" : "an invalid Content-Length";
    }
    return null;
  }

  /** Whether the head asks for the connection to close ({@code close} anywhere in any {@code Connection} field). */
  public static boolean closes(HeaderMap headers) {
    HeaderValues connection = headers.get(Headers.CONNECTION);
    if (connection == null) {
      return false;
    }
    for (int i = 0; i < connection.size(); i++) {
      if (RequestFraming.hasToken(connection.get(i), "close")) {
        return true;
      }
    }
    return false;
  }

  /** Whether a response with {@code status} to {@code method} carries a body (RFC 9112 §6.3, rules 1 and 2). */
  public static boolean hasBody(HttpString method, int status) {
    return status >= 200 && status != 204 && status != 304 && !Methods.HEAD.equals(method);
  }

  /** Whether the head announces body bytes: where none may follow, they would be read as the next response. */
  public static boolean announcesBody(HeaderMap headers) {
    if (headers.contains(Headers.TRANSFER_ENCODING)) {
      return true;
    }
    String length = headers.getFirst(Headers.CONTENT_LENGTH);
    return length != null && !length.equals("0");
  }
}
