package dev.llmgateway.launcher;

import dev.llmgateway.launcher.listen.Ipv6Wildcard;
import dev.llmgateway.launcher.listen.ListenAddress;
import dev.llmgateway.launcher.tls.PemException;
import dev.llmgateway.launcher.tls.PemTls;
import dev.llmgateway.undertow.embed.UpstreamTrust;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;

/**
 * The checks that run before any listener opens, each failing with one line: the data dir exists (created if
 * missing) and is a writable directory, the declarative config is a readable file, the TLS files and the upstream
 * CA bundles load, and
 * {@code [::]} is replaced by {@code 0.0.0.0} where IPv6 is off.
 */
final class Preflight {
  /** The settings after the checks, with what they produced. */
  record Checked(StartSettings settings, List<ListenAddress> proxy, Optional<SSLContext> tls,
      Optional<SSLContext> upstreamTrust) {}

  private Preflight() {}

  static Checked run(StartSettings s, BooleanSupplier ipv6) throws SettingException {
    dataDir(s.dataDir());
    if (s.config().isPresent()) {
      configFile(s.config().get());
    }
    Optional<SSLContext> tls = Optional.empty();
    if (!s.tlsProxy().isEmpty()) {
      try {
        tls = Optional.of(PemTls.serverContext(s.tlsCert().orElseThrow(), s.tlsKey().orElseThrow()));
      } catch (PemException e) {
        throw new SettingException(e.getMessage(), e);
      }
    }
    return new Checked(s, Ipv6Wildcard.resolve(s.proxy(), ipv6), tls, upstreamTrust(s.upstreamCa()));
  }

  /** The upstream trust store when CA files are given; the JVM's own (empty) otherwise. */
  static Optional<SSLContext> upstreamTrust(StartSettings.UpstreamCa ca) throws SettingException {
    if (ca.files().isEmpty()) {
      return Optional.empty();
    }
    for (Path file : ca.files()) {
      if (!Files.isReadable(file) || Files.isDirectory(file)) {
        throw new SettingException("cannot read upstream CA bundle " + file
            + (Files.exists(file) ? ": not a readable file" : ": no such file"));
      }
    }
    try {
      return Optional.of(UpstreamTrust.fromPem(ca.files(), ca.system()));
    } catch (IOException e) {
      throw new SettingException("upstream CA bundle: " + e.getMessage(), e);
    }
  }

  static void dataDir(Path dir) throws SettingException {
    try {
      Files.createDirectories(dir);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new SettingException("data dir " + dir + " exists and is not a directory");
    } catch (IOException e) {
      throw new SettingException("cannot create data dir " + dir + ": " + e.getMessage());
    }
    if (!Files.isWritable(dir)) {
      throw new SettingException("data dir " + dir + " is not writable");
    }
  }

  static void configFile(Path file) throws SettingException {
    if (!Files.exists(file)) {
      throw new SettingException("cannot read config " + file + ": no such file");
    }
    if (Files.isDirectory(file)) {
      throw new SettingException("cannot read config " + file + ": it is a directory");
    }
    if (!Files.isReadable(file)) {
      throw new SettingException("cannot read config " + file + ": permission denied");
    }
  }
}
