package dev.llmgateway.launcher;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checks the LLM server URLs of the default stack ({@code VLLM_URL}, {@code SGLANG_URL}) before anything starts. */
final class UpstreamUrl {
  private UpstreamUrl() {}

  /**
   * {@code value} when it is {@code http(s)://host[:port][/path]}, or a comma-separated list of such URLs sharing
   * scheme and path (replicas, balanced as one upstream); otherwise throws with a one-line reason.
   */
  static String check(String value) {
    if (value.indexOf(',') < 0) {
      return checkOne(value);
    }
    for (String part : value.split(",")) {
      if (part.isBlank()) {
        throw new IllegalArgumentException(reason(value, "the list has an empty entry"));
      }
      checkOne(part.strip());
    }
    try {
      dev.llmgateway.internal.defaults.ReplicaPool.of(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + value + "' is not a valid list of replicas: " + e.getMessage());
    }
    return value;
  }

  private static String checkOne(String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(reason(value, "it is not a URL"));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(reason(value, "the scheme must be http or https"));
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException(reason(value, "it has no host"));
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(reason(value, "a query, fragment or user name is not allowed"));
    }
    return value;
  }

  private static String reason(String value, String why) {
    return "'" + value + "' is not a valid upstream URL: " + why + " (expected http://host[:port][/path])";
  }
}
