package dev.llmgateway.launcher;

import dev.llmgateway.cluster.internal.postgres.PgSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@link DatabaseOptions} into {@link ClusterSettings}, failing on the first bad value with one line. */
final class ClusterSettingsReader {
  private static final List<String> OPTIONS = List.of("--database", "--pg-host", "--pg-port", "--pg-user",
      "--pg-password-file", "--pg-database", "--pg-schema", "--pg-ssl", "--pg-ssl-verify", "--pg-timeout");

  private final DatabaseOptions options;
  private final OptionSources sources;
  private final EnvVariables env;

  ClusterSettingsReader(DatabaseOptions options, OptionSources sources, EnvVariables env) {
    this.options = options;
    this.sources = sources;
    this.env = env;
  }

  /** Empty for {@code --database off}; {@code forceDatabase} (the migrations commands) ignores that option. */
  Optional<ClusterSettings> read(boolean forceDatabase) throws SettingException {
    if (!forceDatabase) {
      switch (options.database.trim()) {
        case "off", "file" -> {
          return Optional.empty();
        }
        case "postgres" -> { }
        default -> throw new SettingException(sources.nameOf("--database") + ": '" + options.database
            + "' is not a database (off or postgres)");
      }
    }
    Map<String, String> names = new HashMap<>();
    for (String option : OPTIONS) {
      names.put(option, sources.nameOf(option));
    }
    String host = options.pgHost.trim();
    if (host.isEmpty()) {
      throw new SettingException(names.get("--pg-host") + ": empty host");
    }
    int port = number("--pg-port", options.pgPort, 1, 65535, names);
    int timeout = number("--pg-timeout", options.pgTimeout, 1, 3_600_000, names);
    Optional<EnvVariables.Found> fromEnv = env.first(EnvDefaults.PG_PASSWORD.toArray(String[]::new));
    String password;
    if (options.pgPasswordFile != null) {
      names.put("--pg-password", names.get("--pg-password-file"));
      password = readPassword(options.pgPasswordFile, names.get("--pg-password-file"));
    } else if (fromEnv.isPresent()) {
      names.put("--pg-password", fromEnv.get().name());
      password = fromEnv.get().value();
    } else {
      names.put("--pg-password", "GATEWAY_PG_PASSWORD");
      password = null;
    }
    PgSettings pg = new PgSettings(host, port, options.pgUser, password, options.pgDatabase, options.pgSchema,
        flag("--pg-ssl", options.pgSsl, names), flag("--pg-ssl-verify", options.pgSslVerify, names), timeout);
    return Optional.of(new ClusterSettings(pg, names));
  }

  private static String readPassword(String file, String name) throws SettingException {
    try {
      String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
      return text.strip();
    } catch (IOException | RuntimeException e) {
      throw new SettingException(name + ": cannot read the password file " + file + " (" + e.getClass()
          .getSimpleName() + ")");
    }
  }

  private static int number(String option, String value, int min, int max, Map<String, String> names)
      throws SettingException {
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new SettingException(names.get(option) + ": '" + value + "' is not a whole number from " + min + " to "
        + max);
  }

  private static boolean flag(String option, String value, Map<String, String> names) throws SettingException {
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "on", "true", "yes", "1" -> true;
      case "off", "false", "no", "0" -> false;
      default -> throw new SettingException(names.get(option) + ": '" + value + "' is not on or off");
    };
  }
}
