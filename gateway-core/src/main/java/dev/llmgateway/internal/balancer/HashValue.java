package dev.llmgateway.internal.balancer;

import dev.llmgateway.entity.Upstream;
import dev.llmgateway.schema.Row;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Kong's value to hash for consistent hashing: {@code hash_on}, or {@code hash_fallback} when that yields
 * nothing, or the empty string. Hashing on a cookie the client did not send invents one (a UUID) and asks for it
 * to be set on the response, so the client's next requests stick.
 */
final class HashValue {
  /** The value, and the {@code Set-Cookie} header value to add to the response (or null). */
  record Result(String value, String setCookie) {}

  private HashValue() {}

  static Result of(Upstream upstream, RequestFacts facts) {
    Row row = upstream.row();
    String hashOn = row.string("hash_on", "none");
    if (hashOn.equals("none") || facts == null) {
      return new Result("", null);
    }
    String v = value(hashOn, row, facts, "hash_on_header", "hash_on_query_arg", "hash_on_uri_capture");
    if (v != null) {
      return new Result(v, null);
    }
    if (hashOn.equals("cookie")) {
      String cookie = row.string("hash_on_cookie");
      String invented = UUID.randomUUID().toString();
      return new Result(invented, cookie + "=" + invented + "; Path=" + row.string("hash_on_cookie_path", "/")
          + "; Same-Site=Lax; HttpOnly");
    }
    String fallback = row.string("hash_fallback", "none");
    if (!fallback.equals("none")) {
      v = value(fallback, row, facts, "hash_fallback_header", "hash_fallback_query_arg",
          "hash_fallback_uri_capture");
      if (v != null) {
        return new Result(v, null);
      }
      if (fallback.equals("cookie")) {
        String cookie = row.string("hash_on_cookie");
        String invented = UUID.randomUUID().toString();
        return new Result(invented, cookie + "=" + invented + "; Path=" + row.string("hash_on_cookie_path", "/")
            + "; Same-Site=Lax; HttpOnly");
      }
    }
    return new Result("", null);
  }

  private static String value(String on, Row row, RequestFacts facts, String headerField, String queryField,
      String captureField) {
    return switch (on) {
      case "consumer" -> facts.consumerId() != null ? facts.consumerId().toString() : facts.credentialId();
      case "ip" -> facts.request().clientIp();
      case "header" -> header(facts, row.string(headerField));
      case "cookie" -> cookie(facts, row.string("hash_on_cookie"));
      case "path" -> facts.request().path();
      case "query_arg" -> query(facts, row.string(queryField));
      case "uri_capture" -> facts.captures() == null ? null : facts.captures().get(row.string(captureField));
      default -> null;
    };
  }

  /** All values of the header joined with commas, as nginx's {@code $http_*} joins them. */
  private static String header(RequestFacts facts, String name) {
    List<String> values = facts.request().headers().all(name);
    return values == null || values.isEmpty() ? null : String.join(", ", values);
  }

  /** Several values of one argument are sorted and joined with commas, as Kong normalises them. */
  private static String query(RequestFacts facts, String name) {
    List<String> values = facts.request().queryParams(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() == 1) {
      return values.get(0);
    }
    List<String> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return String.join(",", sorted);
  }

  static String cookie(RequestFacts facts, String name) {
    List<String> headers = facts.request().headers().all("Cookie");
    if (headers == null || name == null) {
      return null;
    }
    for (String header : headers) {
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
          return pair.substring(eq + 1).trim();
        }
      }
    }
    return null;
  }
}
