package dev.llmgateway.internal.plugins.jwt;

import dev.llmgateway.plugin.ClientRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every distinct token a request carries, in Kong's order: query arguments named in {@code uri_param_names}
 * (each repeated value counts, empty ones do not), then cookies in {@code cookie_names}, then {@code Bearer}
 * values of the first header of each of {@code header_names}.
 */
final class TokenSearch {
  private static final Pattern BEARER = Pattern.compile("\\s*[Bb]earer\\s+(.+)", Pattern.UNIX_LINES);

  private TokenSearch() {}

  static Set<String> tokens(JwtConfig conf, ClientRequest request) {
    Set<String> found = new LinkedHashSet<>();
    for (String name : conf.uriParamNames()) {
      for (String v : request.queryParams(name)) {
        if (!v.isEmpty()) {
          found.add(v);
        }
      }
    }
    for (String name : conf.cookieNames()) {
      String v = cookie(request.headers().all("Cookie"), name);
      if (v != null && !v.isEmpty()) {
        found.add(v);
      }
    }
    for (String name : conf.headerNames()) {
      String value = request.headers().first(name);
      if (value != null) {
        Matcher m = BEARER.matcher(value);
        if (m.find()) {
          found.add(m.group(1));
        }
      }
    }
    return found;
  }

  /** The first cookie called {@code name} (nginx's {@code $cookie_name}, names compared case-insensitively). */
  static String cookie(List<String> cookieHeaders, String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    for (String header : cookieHeaders) {
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals(wanted)) {
          return pair.substring(eq + 1).strip();
        }
      }
    }
    return null;
  }
}
