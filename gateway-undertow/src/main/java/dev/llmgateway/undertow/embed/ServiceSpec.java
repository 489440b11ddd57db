package dev.llmgateway.undertow.embed;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A service as a typed value: the upstream URL, Kong's timeouts as {@link Duration}s and the retry count. Null
 * fields take Kong's defaults (60 s timeouts, 5 retries). The Admin API's validation still decides.
 */
public record ServiceSpec(String name, URI url, Duration connectTimeout, Duration readTimeout,
    Duration writeTimeout, Integer retries, List<String> tags) {

  public ServiceSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** A service with Kong's defaults for everything but its name and URL. */
  public static ServiceSpec of(String name, String url) {
    return new ServiceSpec(name, URI.create(url), null, null, null, null, List.of());
  }

  /** This spec with one timeout for connecting, reading and writing (an LLM generation can take minutes). */
  public ServiceSpec timeouts(Duration all) {
    return new ServiceSpec(name, url, all, all, all, retries, tags);
  }

  /** This spec with another retry count. */
  public ServiceSpec retries(int count) {
    return new ServiceSpec(name, url, connectTimeout, readTimeout, writeTimeout, count, tags);
  }

  /** Kong's JSON fields for {@code POST /services}. */
  Map<String, Object> fields() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("url", url.toString());
    putMillis(out, "connect_timeout", connectTimeout);
    putMillis(out, "read_timeout", readTimeout);
    putMillis(out, "write_timeout", writeTimeout);
    if (retries != null) {
      out.put("retries", retries);
    }
    if (!tags.isEmpty()) {
      out.put("tags", tags);
    }
    return out;
  }

  private static void putMillis(Map<String, Object> out, String field, Duration d) {
    if (d != null) {
      out.put(field, d.toMillis());
    }
  }
}
