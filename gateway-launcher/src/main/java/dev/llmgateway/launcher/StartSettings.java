package dev.llmgateway.launcher;

import dev.llmgateway.balancer.BackPressure;
import dev.llmgateway.launcher.listen.ListenAddress;
import dev.llmgateway.net.TrustedProxies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything {@code start} needs, checked and resolved from flags, environment and defaults: listeners (TLS ones
 * marked), the status listener (none when off), data dir, optional declarative config, the default stack's upstream
 * URLs, TLS files, drain timeout, upstream keep-alive, access log, the plugins' access time limit, the cluster
 * database (cluster mode), what an engine's busy answer does, the trusted proxies, the upstream CA bundles, whether
 * header names with underscores are forwarded. The Admin API key is deliberately not here, so that
 * no settings dump can print it.
 */
public record StartSettings(List<ListenAddress> proxy, List<ListenAddress> admin, List<ListenAddress> status,
    Path dataDir,
    Optional<Path> config, String vllmUrl, String sglangUrl, Optional<Path> tlsCert, Optional<Path> tlsKey,
    Duration drainTimeout, UpstreamKeepalive upstreamKeepalive, AccessLogSetting accessLog,
    Duration pluginAccessTimeout, Optional<ClusterSettings> cluster, BackPressure backPressure,
    TrustedProxies trustedProxies, UpstreamCa upstreamCa, boolean underscoresInHeaders) {

  /** The CA bundles https upstreams are checked against, and whether the JVM's trust store counts too. */
  public record UpstreamCa(List<Path> files, boolean system) {
    /** Kong's default: the system trust store only. */
    static final UpstreamCa SYSTEM = new UpstreamCa(List.of(), true);

    public UpstreamCa {
      files = List.copyOf(files);
    }

    /** Parses {@code system}, PEM file paths, or both, comma-separated. */
    static UpstreamCa parse(String value) {
      if (value == null) {
        return SYSTEM;
      }
      List<Path> files = new java.util.ArrayList<>();
      boolean system = false;
      for (String part : value.split(",", -1)) {
        String t = part.trim();
        if (t.isEmpty()) {
          throw new IllegalArgumentException("empty entry (PEM file paths or system, comma-separated)");
        }
        if ("system".equals(t)) {
          system = true;
        } else {
          files.add(Path.of(t));
        }
      }
      return new UpstreamCa(files, system);
    }
  }

  /** Idle upstream connections kept per address and IO thread, and for how long. */
  public record UpstreamKeepalive(int poolSize, Duration idleTimeout) {
    /** Parses a pool size: a whole number from 0 (reuse off). */
    static int parsePoolSize(String value) {
      try {
        int n = Integer.parseInt(value.trim());
        if (n >= 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException("'" + value + "' is not a pool size (a whole number, 0 turns reuse off)");
    }
  }

  /** Where the access log goes and in what form. */
  public record AccessLogSetting(Target target, Path file, boolean json) {
    /** The access log's destination. */
    public enum Target { STDOUT, FILE, OFF }

    /** True for {@code json}, false for {@code text}. */
    static boolean parseFormat(String format) {
      return switch (format) {
        case "json" -> true;
        case "text" -> false;
        default -> throw new IllegalArgumentException("'" + format + "' is not a log format (text or json)");
      };
    }

    /** Parses {@code stdout}, {@code off} or a file path. */
    static AccessLogSetting parse(String value, boolean json) {
      if (value.isBlank()) {
        throw new IllegalArgumentException("empty value (stdout, off or a file path)");
      }
      return switch (value) {
        case "stdout", "/dev/stdout", "-" -> new AccessLogSetting(Target.STDOUT, null, json);
        case "off" -> new AccessLogSetting(Target.OFF, null, json);
        default -> new AccessLogSetting(Target.FILE, Path.of(value), json);
      };
    }
  }

  public StartSettings {
    proxy = List.copyOf(proxy);
    admin = List.copyOf(admin);
    status = List.copyOf(status);
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    Objects.requireNonNull(upstreamKeepalive, "upstreamKeepalive");
    Objects.requireNonNull(pluginAccessTimeout, "pluginAccessTimeout");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(backPressure, "backPressure");
    Objects.requireNonNull(trustedProxies, "trustedProxies");
    Objects.requireNonNull(upstreamCa, "upstreamCa");
  }

  /** Parses {@code on} or {@code off}. */
  static boolean parseSwitch(String value) {
    return switch (value.trim()) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new IllegalArgumentException("'" + value + "' is not on or off");
    };
  }

  /** Parses a comma-separated list of statuses from 400 to 599, e.g. {@code 429,503}. */
  static Set<Integer> parseBusyStatuses(String value) {
    Set<Integer> statuses = new LinkedHashSet<>();
    for (String part : value.split(",", -1)) {
      try {
        int status = Integer.parseInt(part.trim());
        if (status >= 400 && status <= 599) {
          statuses.add(status);
          continue;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException("'" + part.trim() + "' is not a status from 400 to 599 (e.g. 429,503)");
    }
    return statuses;
  }

  /** Parses the longest bench: a duration, rounded up to whole seconds. */
  static long parseMaxBench(String value) {
    return (DurationText.parse(value).toMillis() + 999) / 1000;
  }

  /** Parses the access time limit: a duration above zero. */
  static Duration parsePluginAccessTimeout(String value) {
    Duration d = DurationText.parse(value);
    if (d.isZero()) {
      throw new IllegalArgumentException("'" + value + "' must be above zero (e.g. 60s)");
    }
    return d;
  }

  /** Where the configuration is stored, for the banner: the data dir or the cluster database. */
  public String storeName() {
    return cluster.map(c -> c.pg().describe()).orElse(dataDir.toString());
  }

  /** The plain HTTP proxy addresses. */
  public List<ListenAddress> plainProxy() {
    return proxy.stream().filter(a -> !a.tls()).toList();
  }

  /** The TLS (HTTP/2 by ALPN) proxy addresses. */
  public List<ListenAddress> tlsProxy() {
    return proxy.stream().filter(ListenAddress::tls).toList();
  }
}
