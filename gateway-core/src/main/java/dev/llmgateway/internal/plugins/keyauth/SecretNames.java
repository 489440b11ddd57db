package dev.llmgateway.internal.plugins.keyauth;

import dev.llmgateway.config.ConfigView;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.schema.Row;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The header and query-argument names whose values are secrets in one configuration: {@code apikey},
 * {@code Authorization}, {@code Proxy-Authorization} and every {@code key_names} entry of every key-auth plugin.
 * Logs (access, error, debug) redact these with {@link #redactQuery} and {@link #isSecretHeader}.
 */
public final class SecretNames {
  /** What a redacted value is replaced with. */
  public static final String REDACTED = "REDACTED";
  private static final Object DERIVED_KEY = SecretNames.class;
  private static final Set<String> ALWAYS = Set.of("apikey", "authorization", "proxy-authorization");

  private final Set<String> lowerCase;

  private SecretNames(Set<String> lowerCase) {
    this.lowerCase = Collections.unmodifiableSet(lowerCase);
  }

  /** The names of the snapshot behind {@code view}, computed once. */
  public static SecretNames of(ConfigView view) {
    return view.derived(DERIVED_KEY, SecretNames::build);
  }

  /** The names that are secret whatever the configuration says. */
  public static SecretNames always() {
    return new SecretNames(new TreeSet<>(ALWAYS));
  }

  static SecretNames build(Configuration configuration) {
    Set<String> names = new TreeSet<>(ALWAYS);
    for (Row plugin : configuration.rows(configuration.types().plugins())) {
      if ("key-auth".equals(plugin.string("name")) && plugin.record("config") != null) {
        for (String n : plugin.record("config").strings("key_names")) {
          names.add(n.toLowerCase(Locale.ROOT));
        }
      }
    }
    return new SecretNames(names);
  }

  /** Every secret name, lower-case. */
  public Set<String> names() {
    return lowerCase;
  }

  /** Whether a header of this name carries a secret (names match case-insensitively). */
  public boolean isSecretHeader(String name) {
    return lowerCase.contains(name.toLowerCase(Locale.ROOT));
  }

  /**
   * A raw query string with the value of every secret argument replaced by {@link #REDACTED}; the rest is kept
   * as sent. Argument names are compared after percent-decoding, so {@code %61pikey} is caught too.
   */
  public String redactQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return rawQuery;
    }
    StringBuilder out = new StringBuilder(rawQuery.length());
    String[] pairs = rawQuery.split("&", -1);
    for (int i = 0; i < pairs.length; i++) {
      String pair = pairs[i];
      if (i > 0) {
        out.append('&');
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if (eq >= 0 && lowerCase.contains(decode(name).toLowerCase(Locale.ROOT))) {
        out.append(name).append('=').append(REDACTED);
      } else {
        out.append(pair);
      }
    }
    return out.toString();
  }

  private static String decode(String name) {
    try {
      return java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return name;
    }
  }
}
