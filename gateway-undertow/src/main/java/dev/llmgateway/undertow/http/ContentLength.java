package dev.llmgateway.undertow.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;

/**
 * Checks a request's {@code Content-Length} before anything reads it: Undertow parses it lazily with
 * {@code Long.parseLong}, so a value past 2^63-1 would surface as an exception mid-request. Like nginx, such a
 * request gets a 400.
 */
public final class ContentLength {
  private static final int MAX_DIGITS = 18; // every 18-digit number fits a long

  private ContentLength() {}

  /** True when the request has no Content-Length, or one that is a whole number a long can hold. */
  public static boolean valid(HttpServerExchange exchange) {
    HeaderValues values = exchange.getRequestHeaders().get(Headers.CONTENT_LENGTH);
    if (values == null) {
      return true;
    }
    for (String v : values) {
      if (v.isEmpty() || v.length() > MAX_DIGITS) {
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
}
